package io.headroom.ui.dashboard;

import io.headroom.service.Workspace;
import io.headroom.service.refresh.RefreshEngine;
import io.headroom.service.refresh.RefreshListener;
import io.headroom.ui.advisor.AdvisorController;
import io.headroom.ui.api.ApiController;
import io.headroom.ui.history.HistoryController;
import io.headroom.ui.sessions.SessionsController;
import io.headroom.ui.settings.SettingsController;
import io.headroom.ui.view.TabView;
import io.headroom.ui.view.ViewContext;
import io.headroom.ui.view.ViewWiring;
import io.headroom.ui.view.Views;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The dashboard: a tab per view, the Overview first. One background thread refreshes the data
 * when something changes (see {@link RefreshEngine}); a one-second {@link TickSource} moves the
 * countdowns while the window shows, and nothing ticks while it is hidden or minimised.
 */
public final class DashboardController {

    /**
     * The longest time without a refresh while the window shows: changes arrive as events (the
     * folder watcher, the proxy), so this only keeps time-worn figures (burn rate) fresh.
     */
    public static final Duration REFRESH = Duration.ofMinutes(5);
    /** The same while the window is hidden and only the tray and notifications watch. */
    public static final Duration HIDDEN_REFRESH = Duration.ofMinutes(30);

    private final Workspace workspace;
    private final ViewContext context;
    private final OverviewModel overview;
    private final RefreshEngine refresher;
    private final Duration refreshPeriod;
    private TickSource ticker;
    private boolean started;
    private final ViewWiring wiring;
    /** Made with their views when their tab first shows, so the window opens sooner. */
    private ApiController api;
    private SettingsController settings;
    private final AdvisorController advisor;
    private boolean inBackground;

    @FXML
    private TabPane tabs;
    @FXML
    private Tab overviewTab;
    @FXML
    private Label dataLocation;
    @FXML
    private Label status;

    public DashboardController(Workspace workspace) {
        this(workspace, Instant::now, REFRESH, ViewWiring.defaults());
    }

    DashboardController(Workspace workspace, Supplier<Instant> clock, Duration refreshPeriod, ViewWiring wiring) {
        this.workspace = workspace;
        this.context = new ViewContext(workspace, clock);
        this.overview = new OverviewModel(clock);
        this.refresher = new RefreshEngine(workspace, clock);
        this.refreshPeriod = refreshPeriod;
        this.ticker = TickSource.everySecond(this::tick);
        this.wiring = wiring;
        this.advisor = new AdvisorController(context);
        context.onRefreshNow(refresher::requestNow);
    }

    private void tick() {
        FxBench.timed(overview::tick);
        FxBench.tickEnded();
        if (api != null) {
            api.tick();
        }
    }

    /** Tests: the countdowns move with {@code ticks} (made with the tick task) instead of the background timer. */
    void tickWith(java.util.function.Function<Runnable, TickSource> ticks) {
        ticker.close();
        ticker = ticks.apply(this::tick);
    }

    @FXML
    private void initialize() {
        dataLocation.setText(workspace.databaseFile().toString());
        status.textProperty().bind(overview.status);
        overviewTab.setContent(new OverviewView(overview, new OverviewActions(refresher, context, this::showTab,
                this::showSetting)));
        HistoryController history = new HistoryController(context);
        add(TabView.of("History", () -> Views.load(HistoryController.class, "History", history), history::shown,
                history::dataChanged));
        SessionsController sessions = new SessionsController(context);
        add(TabView.of("Sessions", () -> Views.load(SessionsController.class, "Sessions", sessions),
                sessions::shown, sessions::dataChanged));
        add(TabView.of("API", () -> {
            api = new ApiController(context, wiring.proxyConfig());
            return Views.load(ApiController.class, "Api", api);
        }, () -> api.shown(), () -> api.refresh()));
        add(TabView.of("Advisor", () -> Views.load(AdvisorController.class, "Advisor", advisor),
                advisor::reloadIfStale, advisor::reloadIfStale));
        add(TabView.of("Settings", () -> {
            settings = new SettingsController(context, wiring.autostart());
            return Views.load(SettingsController.class, "Settings", settings);
        }, () -> settings.shown(), () -> { }));
    }

    /** A tab for {@code view}: built when first selected, told when it shows and when the data moves meanwhile. */
    private void add(TabView view) {
        Tab tab = new Tab(view.title());
        tab.selectedProperty().addListener((o, was, selected) -> {
            if (selected) {
                if (tab.getContent() == null) {
                    tab.setContent(view.content());
                }
                view.shown();
            }
        });
        context.dataVersion().addListener((o, a, b) -> {
            if (tab.isSelected()) {
                view.dataChanged();
            }
        });
        tabs.getTabs().add(tab);
    }

    /** Selects the tab with this title, if there is one. */
    void showTab(String name) {
        tabs.getTabs().stream().filter(t -> name.equals(t.getText())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** Selects the Settings tab and focuses the control with this id there (fx:id in Settings.fxml). */
    void showSetting(String controlId) {
        showTab("Settings");
        // a scroll pane's content is among its children only once its skin exists
        tabs.applyCss();
        tabs.layout();
        tabs.getTabs().stream().filter(t -> "Settings".equals(t.getText()) && t.getContent() != null).findFirst()
                .map(t -> t.getContent().lookup("#" + controlId))
                .ifPresent(javafx.scene.Node::requestFocus);
    }

    /** What the views share: workspace, clock, background thread, data version. */
    public ViewContext context() {
        return context;
    }

    AdvisorController advisor() {
        return advisor;
    }

    RefreshEngine refresher() {
        return refresher;
    }

    OverviewModel overview() {
        return overview;
    }

    /** Starts the background refresh (once) and the countdown ticks; back from the background, refreshes at once. */
    public void start() {
        if (!started) {
            started = true;
            FxBench.shown();
            FxBench.watch(tabs.getScene());
            refresher.start(refreshPeriod, new FxRefreshSink(batch -> {
                FxBench.timed(() -> {
                    overview.apply(batch);
                    context.dataChanged();
                });
                FxBench.batchApplied(tabs.getScene());
            }, overview::failed, overview::progress));
        } else if (inBackground) {
            refresher.setPeriod(refreshPeriod);
            refresher.requestNow();
        }
        inBackground = false;
        overview.tick();
        ticker.start();
    }

    /**
     * The window hid but the app lives on in the tray: the countdown stops (nobody sees it, and
     * each tick wakes the FX thread) and the refresh goes on, less often, for the tray and
     * notifications. {@link #start} brings it back; only {@link #dispose} ends it.
     */
    public void background() {
        ticker.stop();
        if (started && !inBackground) {
            inBackground = true;
            refresher.setPeriod(HIDDEN_REFRESH.compareTo(refreshPeriod) > 0 ? HIDDEN_REFRESH : refreshPeriod);
        }
    }

    /** Each refresh's snapshot, on the refresh thread, whether the window shows or not (see {@link RefreshListener}). */
    public void addRefreshListener(RefreshListener listener) {
        refresher.addListener(listener);
    }

    /** Imports and recomputes now rather than at the next period (after the tray logged something). */
    public void refreshNow() {
        refresher.requestNow();
    }

    boolean refreshing() {
        return started && !refresher.stopped();
    }

    /** Stops the countdown while the window is minimised; {@link #start} resumes it. */
    public void pause() {
        ticker.stop();
    }

    boolean ticking() {
        return ticker.running();
    }

    /** After {@link #dispose}: waits until the refresh thread has stopped. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return refresher.awaitStopped(timeout);
    }

    /** Quitting, or the window hid with no tray to stay in: stops the countdown and the refresh thread. */
    public void dispose() {
        ticker.close();
        if (api != null) {
            api.dispose();
        }
        refresher.close();
        context.close();
    }
}
