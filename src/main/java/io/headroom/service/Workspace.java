package io.headroom.service;

import io.headroom.config.DataDirectory;
import io.headroom.config.PlanCatalogLoader;
import io.headroom.config.PriceTableLoader;
import io.headroom.config.Settings;
import io.headroom.ingest.claudecode.ClaudeCodeImporter;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.ingest.statusline.StatusLineSpool;
import io.headroom.store.Database;
import io.headroom.store.NativeLibrary;
import io.headroom.store.SampleStore;
import io.headroom.sources.oauth.ClaudeCredentials;
import io.headroom.sources.oauth.OauthUsageSource;
import io.headroom.sources.oauth.UsageEndpoint;
import io.headroom.store.SourceMemory;
import io.headroom.sources.ReadRequest;
import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import io.headroom.sources.claudecode.ClaudeCodeLogSource;
import io.headroom.sources.claudecodecache.ClaudeCodeCacheSource;
import io.headroom.sources.manual.ManualSource;
import io.headroom.sources.proxy.ProxySource;
import io.headroom.sources.statusline.StatusLineSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The user's Headroom: data folder, database, price table and the sources to import. The command
 * line and the window both work through one of these, so they always agree.
 */
public final class Workspace implements AutoCloseable {

    private final DataDirectory dataDirectory;
    private final Path databaseFile;
    private final Map<String, String> env;
    private final Path home;
    private Database database;
    private PriceTableLoader.Loaded prices;
    private PlanCatalogLoader.Loaded plans;
    private ProxyService proxy;
    private TelemetryService telemetry;
    private TeamServices team;
    private SourceRegistry sources;
    private io.headroom.secrets.SecretStore secrets;

    public Workspace(DataDirectory dataDirectory, Path databaseOverride, Map<String, String> env, Path home) {
        this.dataDirectory = dataDirectory;
        this.databaseFile = databaseOverride != null ? databaseOverride : dataDirectory.database();
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** One variable of the environment Headroom was started with (tests give their own). */
    public String environment(String name) {
        return env.get(name);
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** Opens (and migrates) the database on first use. */
    public synchronized Database database() {
        if (database == null) {
            try {
                dataDirectory.ensureExists();
            } catch (java.io.IOException e) {
                throw new io.headroom.store.StoreException("Cannot create the data folder " + dataDirectory.path() + ": "
                        + e.getMessage(), e);
            }
            NativeLibrary.prepare(dataDirectory.path());
            database = Database.open(databaseFile);
        }
        return database;
    }

    public synchronized PriceTableLoader.Loaded prices() {
        if (prices == null) {
            prices = PriceTableLoader.load(dataDirectory.file(PriceTableLoader.USER_FILE));
        }
        return prices;
    }

    /** The explicit folders; without them the usual places plus the folders added in the settings. */
    public ClaudeDirectories.Discovery discoverClaudeCode(List<Path> explicitDirs) {
        List<String> extra;
        try {
            extra = settings().claudeDirs();
        } catch (IllegalArgumentException unreadable) {
            extra = List.of(); // the Overview and the commands report the unreadable settings file
        }
        return ClaudeDirectories.discover(explicitDirs, extra, env, home);
    }

    /**
     * Reads every source (see {@link #sources()}) and returns the transcript import's report, with
     * the problems the other sources ran into just now added to it.
     */
    public ImportReport importClaudeCode(List<Path> explicitDirs, ZoneId zone, ImportOptions options) {
        Instant now = Instant.now();
        SourceRegistry registry = sources();
        List<SourceRegistry.Entry> entries = registry.readAll(new ReadRequest(now, zone, explicitDirs, options));
        ImportReport report = registry.get(ClaudeCodeLogSource.class).lastReport();
        for (SourceRegistry.Entry e : entries) {
            SourceStatus s = e.status();
            if (!(e.source() instanceof ClaudeCodeLogSource) && s.state() == SourceState.ERROR && s.problem() != null
                    && now.equals(s.askedAt())) {
                report = report.withProblem(s.problem());
            }
        }
        return report;
    }

    /**
     * Reads every source but the transcripts: the refresh engine does this while the user has
     * paused a long import, so official readings keep coming in meanwhile.
     */
    public List<SourceRegistry.Entry> readSourcesExceptTranscripts(ZoneId zone) {
        return sources().readAll(ReadRequest.at(Instant.now(), zone), s -> !(s instanceof ClaudeCodeLogSource));
    }

    private ImportReport importTranscripts(List<Path> explicitDirs, ZoneId zone, ImportOptions options) {
        ClaudeCodeImporter importer = new ClaudeCodeImporter(database(), prices().table(), prices().fingerprint(), zone);
        return importer.run(discoverClaudeCode(explicitDirs), options);
    }

    /**
     * Every data source, in the order they are read. A new source is added here and nowhere else:
     * the refresh engine, {@code import}, the read commands, {@code headroom sources} and the
     * Settings view all iterate this registry.
     */
    public synchronized SourceRegistry sources() {
        if (sources == null) {
            sources = new SourceRegistry(List.of(
                    new ClaudeCodeLogSource(this::importTranscripts, () -> discoverClaudeCode(List.of())),
                    new StatusLineSource(this::drainStatusLine, this::statusLineInstalled,
                            dataDirectory.path().resolve(StatusLineSpool.SPOOL).toString()),
                    new ClaudeCodeCacheSource(ClaudeCodeCacheSource.defaultFile(env, home),
                            report -> new io.headroom.store.UsageReportStore(database()).write(report)),
                    new OauthUsageSource(ClaudeCredentials.of(env, home), UsageEndpoint.fromEnv(env,
                            UsageEndpoint.DEFAULT_TIMEOUT), () -> settings().oauthUsageEnabled(),
                            report -> new io.headroom.store.UsageReportStore(database()).write(report)),
                    new io.headroom.sources.claudeai.ClaudeAiSource(claudeAiSettingsFile(), this::secrets,
                            new io.headroom.sources.claudeai.ClaudeAiClient(
                                    io.headroom.sources.claudeai.ClaudeAiClient.baseFrom(env),
                                    io.headroom.sources.claudeai.ClaudeAiClient.DEFAULT_TIMEOUT, Instant::now),
                            report -> new io.headroom.store.UsageReportStore(database()).write(report)),
                    new ProxySource(() -> {
                        ProxyService p = proxy();
                        return p.running() ? p.status().listen() : null;
                    }),
                    new io.headroom.sources.otel.OtelSource(() -> telemetry().status(),
                            () -> new io.headroom.store.TelemetryStore(database())),
                    new ManualSource()),
                    () -> new SourceMemory(database()));
        }
        return sources;
    }

    /**
     * Files besides the transcripts that the sources read on every refresh (the statusLine spool,
     * Claude Code's cache file): the folder watcher's safety re-scan compares their sizes and times.
     */
    public List<Path> watchedFiles() {
        return List.of(dataDirectory.path().resolve(StatusLineSpool.SPOOL), ClaudeCodeCacheSource.defaultFile(env, home));
    }

    /** Where secrets the user gives Headroom are kept (the claude.ai session key). */
    public synchronized io.headroom.secrets.SecretStore secrets() {
        if (secrets == null) {
            secrets = io.headroom.secrets.SecretStores.forSystem(env, System.getProperty("os.name", ""),
                    dataDirectory.path());
        }
        return secrets;
    }

    /** Saving the claude.ai session key and switching that source on or off. */
    public io.headroom.sources.claudeai.ClaudeAiAccount claudeAi() {
        return new io.headroom.sources.claudeai.ClaudeAiAccount(claudeAiSettingsFile(), secrets(), Instant::now);
    }

    private Path claudeAiSettingsFile() {
        return dataDirectory.path().resolve(io.headroom.sources.claudeai.ClaudeAiSettings.FILE);
    }

    /** Whether Claude Code's settings run Headroom's statusLine hook. */
    public boolean statusLineInstalled() {
        Path file = claudeSettingsFile();
        try {
            return java.nio.file.Files.isRegularFile(file)
                    && StatusLineSetup.isOurs(io.headroom.config.Json.mapper().readTree(file.toFile()).path("statusLine"));
        } catch (java.io.IOException | RuntimeException unreadable) {
            return false;
        }
    }

    public synchronized PlanCatalogLoader.Loaded plans() {
        if (plans == null) {
            plans = PlanCatalogLoader.load(dataDirectory.file(PlanCatalogLoader.USER_FILE));
        }
        return plans;
    }

    /** The user's settings (plan, zone, weekly reset), read fresh each time. */
    public Settings settings() {
        return Settings.load(dataDirectory.file(Settings.FILE));
    }

    public void saveSettings(Settings settings) throws java.io.IOException {
        Settings.update(dataDirectory.file(Settings.FILE), current -> settings, true);
    }

    /** Changes the saved settings as one step against other processes (see {@link Settings#update}); returns them. */
    public Settings updateSettings(java.util.function.UnaryOperator<Settings> change) throws java.io.IOException {
        return Settings.update(dataDirectory.file(Settings.FILE), change);
    }

    /** The windows service over what is stored (read the sources first: {@link #importClaudeCode}). */
    public WindowsService windows() {
        return new WindowsService(database(), plans().catalog(), settings());
    }

    /** The advisor over the store, the plan catalog, the settings and the price table as they are now. */
    public AdvisorService advisor() {
        return new AdvisorService(database(), plans().catalog(), settings(), prices().table());
    }

    /**
     * Moves the statusLine hook's spooled samples into utilization_sample and refreshes the
     * "today" figure the hook shows (it never opens the database itself).
     */
    public int drainStatusLine(Instant now) {
        try {
            SampleStore samples = new SampleStore(database());
            int moved = StatusLineSpool.drain(dataDirectory.path(), now, samples::writeNow);
            java.time.ZoneId zone = settings().zone();
            java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
            StatusLineSpool.writeToday(dataDirectory.path(), today, reports().today(now, zone).cost());
            return moved;
        } catch (java.io.IOException e) {
            if (io.headroom.config.DiskFull.is(e)) {
                throw new java.io.UncheckedIOException(io.headroom.config.DiskFull.message(dataDirectory.path()), e);
            }
            throw new java.io.UncheckedIOException("Cannot read the statusLine spool in " + dataDirectory.path() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Claude Code's settings file, where {@code statusline --install} adds the hook. */
    public Path claudeSettingsFile() {
        return StatusLineSetup.settingsFile(env, home);
    }

    /** Team metrics from this store, for a Prometheus scrape or an OTLP push. */
    public MetricsService metrics() {
        return metrics(teamSettings());
    }

    /** Team metrics named as {@code team} says (serve's options, or the saved team settings). */
    public MetricsService metrics(io.headroom.config.TeamSettings team) {
        return new MetricsService(this, env, team);
    }

    /** What the window runs for a team; all off until switched on. An unreadable file counts as all off. */
    public io.headroom.config.TeamSettings teamSettings() {
        try {
            return io.headroom.config.TeamSettings.load(dataDirectory.file(io.headroom.config.TeamSettings.FILE));
        } catch (IllegalArgumentException unreadable) {
            return io.headroom.config.TeamSettings.DEFAULTS;
        }
    }

    public void saveTeamSettings(io.headroom.config.TeamSettings team) throws java.io.IOException {
        team.save(dataDirectory.file(io.headroom.config.TeamSettings.FILE));
    }

    /** The collector's headers, kept in the secret store as "Name: value" lines; empty when none were saved. */
    public Map<String, String> pushHeaders() {
        try {
            return secrets().get(io.headroom.config.TeamSettings.PUSH_HEADERS_SECRET)
                    .map(PushHeaders::parse).orElse(Map.of());
        } catch (io.headroom.secrets.SecretStoreException e) {
            throw new IllegalStateException("Cannot read the collector's headers from " + secrets().displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Saves the collector's headers in the secret store; an empty map removes them. */
    public void savePushHeaders(Map<String, String> headers) throws io.headroom.secrets.SecretStoreException {
        if (headers.isEmpty()) {
            secrets().delete(io.headroom.config.TeamSettings.PUSH_HEADERS_SECRET);
        } else {
            secrets().put(io.headroom.config.TeamSettings.PUSH_HEADERS_SECRET, PushHeaders.format(headers));
        }
    }

    /** The receiver, the metrics endpoint and the push, run as told (stopped until applied). */
    public synchronized TeamServices team() {
        if (team == null) {
            team = new TeamServices(this);
        }
        return team;
    }

    /** The recording proxy (stopped until started). */
    public synchronized ProxyService proxy() {
        if (proxy == null) {
            proxy = new ProxyService(this);
        }
        return proxy;
    }

    /** The OTLP receiver for Claude Code's telemetry (stopped until started). */
    public synchronized TelemetryService telemetry() {
        if (telemetry == null) {
            telemetry = new TelemetryService(this);
        }
        return telemetry;
    }

    /** The proxy's recorded calls summed up: headroom, errors, cache hits. */
    public ApiActivity api() {
        return new ApiActivity(this);
    }

    public UsageReports reports() {
        return new UsageReports(database());
    }

    @Override
    public void close() {
        ProxyService running;
        TelemetryService receiving;
        TeamServices teamParts;
        synchronized (this) {
            teamParts = team;
            team = null;
            running = proxy;
            proxy = null;
            receiving = telemetry;
            telemetry = null;
        }
        if (teamParts != null) {
            teamParts.close();
        }
        if (receiving != null) {
            receiving.close(); // stops taking exports before the database closes
        }
        if (running != null) {
            running.close(); // writes its queued records before the database closes; outside the lock,
                             // because starting a proxy takes the service's lock and then this one
        }
        synchronized (this) {
            closeDatabase();
        }
    }

    private void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
