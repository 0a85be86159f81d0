package io.headroom.ui.dashboard;

import io.headroom.service.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.VBox;

/**
 * The dashboard: a tab per view, the Overview first. One background thread refreshes the data
 * (see {@link OverviewRefresher}); a one-second timeline moves the countdowns while the window shows.
 */
public final class DashboardController {

    /** How often new transcript lines are imported and the windows recomputed. */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    private final Workspace workspace;
    private final ViewContext context;
    private final OverviewModel overview;
    private final OverviewRefresher refresher;
    private final Duration refreshPeriod;
    private final Timeline ticker;
    private boolean started;

    @FXML
    private TabPane tabs;
    @FXML
    private Tab overviewTab;
    @FXML
    private Label dataLocation;
    @FXML
    private Label status;

    public DashboardController(Workspace workspace) {
        this(workspace, Instant::now, REFRESH);
    }

    DashboardController(Workspace workspace, Supplier<Instant> clock, Duration refreshPeriod) {
        this.workspace = workspace;
        this.context = new ViewContext(workspace, clock);
        this.overview = new OverviewModel(clock);
        this.refresher = new OverviewRefresher(workspace, clock);
        this.refreshPeriod = refreshPeriod;
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> {
            FxBench.timed(overview::tick);
            FxBench.tickEnded();
        }));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    @FXML
    private void initialize() {
        dataLocation.setText(workspace.databaseFile().toString());
        status.textProperty().bind(overview.status);
        overviewTab.setContent(new OverviewView(overview, new OverviewActions(refresher, context, this::showTab)));
        context.onRefreshNow(refresher::requestNow);
        comingNext("History", "Daily, weekly and monthly usage and cost.", "headroom daily · headroom weekly · headroom monthly");
        comingNext("Sessions", "Every Claude Code session with its cost.", "headroom session");
        comingNext("API", "Calls recorded by the proxy and the API's own limits.", "headroom api");
        comingNext("Advisor", "Which plan fits the way you use Claude.", null);
        comingNext("Settings", "Plan, time zone and weekly reset.", "headroom settings");
    }

    private void comingNext(String name, String what, String cli) {
        Label title = new Label(name + " is coming next");
        title.getStyleClass().add("empty-title");
        Label text = new Label(what);
        text.getStyleClass().add("empty-text");
        VBox box = new VBox(8, title, text);
        if (cli != null) {
            Label meanwhile = new Label("Meanwhile, on the command line:");
            meanwhile.getStyleClass().add("empty-text");
            Label code = new Label(cli);
            code.getStyleClass().addAll("code", "code-block");
            box.getChildren().addAll(meanwhile, code);
        }
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("coming-next");
        Tab tab = new Tab(name, box);
        tab.getStyleClass().add("tab-next");
        tab.setTooltip(new javafx.scene.control.Tooltip(name + ": coming next"));
        tabs.getTabs().add(tab);
    }

    /** Selects the tab with this title, if there is one. */
    void showTab(String name) {
        tabs.getTabs().stream().filter(t -> name.equals(t.getText())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    /** What the views share: workspace, clock, background thread, data version. */
    public ViewContext context() {
        return context;
    }

    OverviewRefresher refresher() {
        return refresher;
    }

    OverviewModel overview() {
        return overview;
    }

    /** Starts the background refresh (once) and the countdown timeline. */
    public void start() {
        if (!started) {
            started = true;
            FxBench.shown();
            FxBench.watch(tabs.getScene());
            refresher.start(refreshPeriod, batch -> {
                FxBench.timed(() -> {
                    overview.apply(batch);
                    context.dataChanged();
                });
                FxBench.batchApplied(tabs.getScene());
            }, overview::failed, overview::progress);
        }
        overview.tick();
        ticker.play();
    }

    /** Stops the countdown while the window is minimised; {@link #start} resumes it. */
    public void pause() {
        ticker.stop();
    }

    boolean ticking() {
        return ticker.getStatus() == Animation.Status.RUNNING;
    }

    /** After {@link #dispose}: waits until the refresh thread has stopped. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return refresher.awaitStopped(timeout);
    }

    /** The window hid: stops the countdown (a running timeline would keep it alive) and the refresh thread. */
    public void dispose() {
        ticker.stop();
        refresher.close();
        context.close();
    }
}
