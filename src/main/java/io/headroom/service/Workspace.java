package io.headroom.service;

import io.headroom.config.DataDirectory;
import io.headroom.config.PriceTableLoader;
import io.headroom.ingest.claudecode.ClaudeCodeImporter;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.store.Database;
import java.nio.file.Path;
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
    private ProxyService proxy;

    public Workspace(DataDirectory dataDirectory, Path databaseOverride, Map<String, String> env, Path home) {
        this.dataDirectory = dataDirectory;
        this.databaseFile = databaseOverride != null ? databaseOverride : dataDirectory.database();
        this.env = Map.copyOf(env);
        this.home = home;
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

    public ClaudeDirectories.Discovery discoverClaudeCode(List<Path> explicitDirs) {
        return ClaudeDirectories.discover(explicitDirs, env, home);
    }

    public ImportReport importClaudeCode(List<Path> explicitDirs, ZoneId zone, ImportOptions options) {
        ClaudeCodeImporter importer = new ClaudeCodeImporter(database(), prices().table(), prices().fingerprint(), zone);
        return importer.run(discoverClaudeCode(explicitDirs), options);
    }

    /** The recording proxy (stopped until started). */
    public synchronized ProxyService proxy() {
        if (proxy == null) {
            proxy = new ProxyService(this);
        }
        return proxy;
    }

    public UsageReports reports() {
        return new UsageReports(database());
    }

    @Override
    public void close() {
        ProxyService running;
        synchronized (this) {
            running = proxy;
            proxy = null;
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
