package io.headroom.ui.api;

import io.headroom.domain.ProxyCall;
import io.headroom.proxy.ProxyConfig;
import io.headroom.service.ApiActivity;
import io.headroom.service.ProxyService;
import io.headroom.ui.view.ViewContext;
import io.headroom.work.BackgroundWork;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;

/**
 * The API tab: the proxy's controls ({@link ProxyControls}), the calls it
 * records as they finish, and the headroom, error and cache figures they add up to. Calls from
 * the proxy's thread wait in a queue that the FX thread drains a quarter of a second after the
 * first of them arrived, so a burst of calls is one table update and one recomputation. Nothing
 * runs while no call arrives: a repeating JavaFX Timeline did the draining and kept JavaFX's pulse
 * going 60 times a second for as long as the window lived once this tab had been opened. The
 * proxy's state is shown again with each second the window ticks ({@link #tick}).
 */
public final class ApiController {

    static final long DRAIN_MILLIS = 250;

    private final ViewContext context;
    private final ProxyService proxy;
    private final UnaryOperator<ProxyConfig> configure;
    private final Queue<ProxyCall> arrived = new ConcurrentLinkedQueue<>();
    private final Consumer<ProxyCall> listener = this::arrived;
    private final ScheduledThreadPoolExecutor timer = BackgroundWork.scheduled("headroom-api-calls");
    /** A drain is scheduled and has not run yet: the calls arriving meanwhile go with it. */
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final ApiViewModel model = new ApiViewModel();
    private final ObservableList<CallRow> rows = FXCollections.observableArrayList();
    private ProxyControls controls;

    @FXML private Label proxyState;
    @FXML private TextField portField;
    @FXML private Label portError;
    @FXML private Button startStop;
    @FXML private Label exportLine;
    @FXML private Button copyButton;
    @FXML private Label copied;
    @FXML private Label proxyMessage;
    @FXML private Label keyLine;
    @FXML private HBox gauges;
    @FXML private HBox figures;
    @FXML private TableView<CallRow> calls;
    @FXML private TableColumn<CallRow, String> timeColumn;
    @FXML private TableColumn<CallRow, String> modelColumn;
    @FXML private TableColumn<CallRow, String> statusColumn;
    @FXML private TableColumn<CallRow, String> inputColumn;
    @FXML private TableColumn<CallRow, String> outputColumn;
    @FXML private TableColumn<CallRow, String> cacheColumn;
    @FXML private TableColumn<CallRow, String> durationColumn;
    @FXML private TableColumn<CallRow, String> costColumn;

    private final ApiGauge rpm = new ApiGauge("gauge-rpm", "Requests per minute (RPM)",
            "Requests in the last minute.");
    private final ApiGauge itpm = new ApiGauge("gauge-itpm", "Input tokens per minute (ITPM)",
            "Input and cache writes; cache reads do not count.");
    private final ApiGauge otpm = new ApiGauge("gauge-otpm", "Output tokens per minute (OTPM)",
            "Output tokens in the last minute.");
    private final ApiFigure lastHour = new ApiFigure("errors-hour", "Errors · last hour");
    private final ApiFigure lastDay = new ApiFigure("errors-day", "Errors · last 24 hours");
    private final ApiFigure cache = new ApiFigure("cache-hit", "Cache hit rate · last hour");

    /** @param configure turns the default proxy settings with the chosen port into the ones to run (tests change the upstream) */
    public ApiController(ViewContext context, UnaryOperator<ProxyConfig> configure) {
        this.context = context;
        this.proxy = context.workspace().proxy();
        this.configure = configure;
    }

    @FXML
    private void initialize() {
        column(timeColumn, CallRow::time);
        column(modelColumn, CallRow::model);
        column(statusColumn, CallRow::status);
        column(inputColumn, CallRow::input);
        column(outputColumn, CallRow::output);
        column(cacheColumn, CallRow::cache);
        column(durationColumn, CallRow::duration);
        column(costColumn, CallRow::cost);
        calls.setItems(rows);
        calls.setPlaceholder(new Label("No calls recorded yet. Start the proxy and set ANTHROPIC_BASE_URL."));
        gauges.getChildren().addAll(rpm, itpm, otpm);
        figures.getChildren().addAll(lastHour, lastDay, cache);
        controls = new ProxyControls(context, configure, proxyState, portField, portError, startStop, exportLine,
                proxyMessage);
        copyButton.setOnAction(e -> copy());
        proxy.addListener(listener);
    }

    private static void column(TableColumn<CallRow, String> c, Function<CallRow, String> f) {
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        c.setSortable(false);
    }

    /** The tab was selected: loads the settings, prices and the last day's calls in the background. */
    public void shown() {
        controls.showState();
        context.load(() -> {
            var activity = context.workspace().api();
            var now = context.now();
            return new ApiViewModel.Loaded(context.workspace().settings().proxyPortOrDefault(),
                    context.workspace().settings().zone(), activity.prices(), activity.tiers(),
                    activity.calls(now, ApiActivity.HISTORY));
        }, this::apply, message -> proxyMessage.setText("Could not load the recorded calls: " + message));
    }

    private void apply(ApiViewModel.Loaded loaded) {
        model.adopt(loaded);
        controls.offerPort(loaded.port());
        recompute();
    }

    /** The store may have changed, or a minute passed: recomputes from the calls already held. */
    public void refresh() {
        recompute();
    }

    /** On the proxy's thread. */
    private void arrived(ProxyCall call) {
        arrived.add(call);
        if (drainPending.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> Platform.runLater(this::drain), DRAIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the window closed while the call was on its way: nothing shows it any more
            }
        }
    }

    /** Each second while the window shows: the proxy may have been started or stopped elsewhere (the tray, Settings). */
    public void tick() {
        controls.showState();
    }

    private void drain() {
        drainPending.set(false);
        controls.showState();
        if (arrived.isEmpty()) {
            return;
        }
        ProxyCall c;
        while ((c = arrived.poll()) != null) {
            model.arrived(c);
        }
        recompute();
    }

    private void recompute() {
        ApiViewModel.Pending pending = model.pending(context.now());
        context.load(() -> pending.compute(context.now()), this::show,
                message -> proxyMessage.setText("Could not sum up the calls: " + message));
    }

    private void show(ApiViewModel.Shown s) {
        rows.setAll(s.rows());
        rpm.show(s.rpm());
        itpm.show(s.itpm());
        otpm.show(s.otpm());
        keyLine.setText(s.keyLine());
        lastHour.show(s.lastHour());
        lastDay.show(s.lastDay());
        cache.show(s.cache());
    }

    private void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(exportLine.getText());
        Clipboard.getSystemClipboard().setContent(content);
        copied.setText("Copied");
    }

    /** The window closed: stops listening and the drain timer (the proxy keeps running for the tray). */
    public void dispose() {
        proxy.removeListener(listener);
        timer.shutdownNow();
    }
}
