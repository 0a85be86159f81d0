package io.headroom.ui.dashboard;

import io.headroom.domain.Provenance;
import io.headroom.ui.view.ProvenanceBadge;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Overview tab: today's cost, one card per window, or the first-run screen when nothing was found. */
final class OverviewView extends ScrollPane {

    /** What the Overview's buttons do; the dashboard supplies them. */
    interface Actions {
        void cancelImport();

        void resumeImport();

        /** Installs Claude Code's statusLine hook off the FX thread; {@code done} gets the outcome on it. */
        void installStatusLine(java.util.function.Consumer<String> done);

        /** Shows the Sessions tab, where claude.ai use is logged. */
        void logSession();

        /** Shows the Settings tab with the control of this id focused (a figure waits on that setting). */
        void openSetting(String controlId);

        /** Shows the API tab, where the recording proxy starts. */
        void openApi();

        /** Generates the demo database and opens it in a second window; {@code done} gets a message on failure. */
        void openDemo(java.util.function.Consumer<String> done);

        /**
         * Switches the telemetry receiver on (and saves that); {@code done} gets a sentence and the
         * lines to paste for the port it listens on.
         */
        void receiveTelemetry(java.util.function.BiConsumer<String, String> done);
    }

    private final OverviewModel model;
    private final Actions actions;
    private final HBox cards = new HBox(16);

    OverviewView(OverviewModel model, Actions actions) {
        this.model = model;
        this.actions = actions;
        getStyleClass().add("overview-scroll");
        setFitToWidth(true);
        setFocusTraversable(false);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        VBox page = new VBox(18, header(), importProgress(), body(), otherLimits(), extraUsage());
        page.getStyleClass().add("overview");
        setContent(page);
    }

    private HBox header() {
        Label title = new Label("Your headroom now");
        title.getStyleClass().add("page-title");
        Label plan = new Label();
        plan.textProperty().bind(model.planLine);
        plan.getStyleClass().add("plan-line");
        plan.setWrapText(true);
        TickingLabel updated = new TickingLabel(); // changes every minute: laid out on its own
        updated.label().textProperty().bind(model.updated);
        updated.label().getStyleClass().add("updated");
        Hyperlink choosePlan = new Hyperlink("Choose your plan");
        choosePlan.setId("choosePlan");
        choosePlan.setOnAction(e -> actions.openSetting("plan"));
        choosePlan.visibleProperty().bind(model.planMissing);
        choosePlan.managedProperty().bind(choosePlan.visibleProperty());
        HBox planRow = new HBox(8, plan, choosePlan);
        planRow.setAlignment(Pos.BASELINE_LEFT);
        VBox left = new VBox(4, title, planRow, updated);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, left, spacer,
                tile("Today · API-equivalent cost", "todayCost", model.todayCost, model.todayTokens),
                tile("Tokens recorded · all time", "totalTokens", model.allTokens, model.allTokensNote));
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private VBox tile(String caption, String id, javafx.beans.value.ObservableValue<String> value,
            javafx.beans.value.ObservableValue<String> sub) {
        Label c = new Label(caption);
        c.getStyleClass().add("caption");
        Label v = new Label();
        v.setId(id);
        v.textProperty().bind(value);
        v.getStyleClass().add("figure");
        v.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(8, v, new ProvenanceBadge(Provenance.MEASURED));
        line.setAlignment(Pos.BASELINE_LEFT);
        VBox tile = new VBox(4, c, line);
        if (sub != null) {
            TickingLabel sRoot = new TickingLabel();
            Label s = sRoot.label();
            s.textProperty().bind(sub);
            s.getStyleClass().add("tile-sub");
            s.setMinWidth(Region.USE_PREF_SIZE);
            tile.getChildren().add(sRoot);
        }
        tile.getStyleClass().add("tile");
        tile.setMinWidth(Region.USE_PREF_SIZE);
        return tile;
    }

    /** Shown only while a long import runs or after it was cancelled; the rest of the window stays usable. */
    private HBox importProgress() {
        Label text = new Label();
        text.textProperty().bind(model.importText);
        text.getStyleClass().add("import-text");
        text.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.importFraction);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.setId("cancelImport");
        cancel.setOnAction(e -> actions.cancelImport());
        cancel.visibleProperty().bind(model.importing);
        cancel.managedProperty().bind(cancel.visibleProperty());
        Button resume = new Button("Resume");
        resume.setId("resumeImport");
        resume.setOnAction(e -> actions.resumeImport());
        resume.visibleProperty().bind(model.importPaused);
        resume.managedProperty().bind(resume.visibleProperty());
        HBox row = new HBox(12, text, bar, cancel, resume);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().addAll("tile", "import-progress");
        row.setId("importProgress");
        row.visibleProperty().bind(model.importing.or(model.importPaused));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    /** Pay-as-you-go spend beyond the plan, as the usage answer reported it. */
    private Label extraUsage() {
        Label l = new Label();
        l.setId("extraUsage");
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.textProperty().bind(model.extraUsage);
        l.visibleProperty().bind(model.extraUsage.isNotEmpty().and(model.empty.not()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** Allowances without a card of their own are kept and shown here, not dropped. */
    private Label otherLimits() {
        Label l = new Label();
        l.setId("otherLimits");
        l.getStyleClass().add("caption");
        l.setWrapText(true);
        l.textProperty().bind(model.otherLimits);
        l.visibleProperty().bind(model.otherLimits.isNotEmpty().and(model.empty.not()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private StackPane body() {
        cards.getStyleClass().add("cards");
        model.cards.addListener((ListChangeListener<WindowCardModel>) c -> rebuildCards());
        rebuildCards();
        cards.visibleProperty().bind(model.empty.not());
        cards.managedProperty().bind(cards.visibleProperty());

        VBox empty = emptyState();
        empty.visibleProperty().bind(model.empty);
        empty.managedProperty().bind(empty.visibleProperty());

        Label loading = new Label("Reading your usage…");
        loading.getStyleClass().add("loading");
        loading.visibleProperty().bind(model.loaded.not());
        return new StackPane(cards, empty, loading);
    }

    private void rebuildCards() {
        List<WindowCard> nodes = new ArrayList<>();
        for (WindowCardModel m : model.cards) {
            WindowCard card = new WindowCard(m, cardId(m), () -> actions.openSetting("resetDay"));
            HBox.setHgrow(card, Priority.ALWAYS);
            card.setMaxWidth(Double.MAX_VALUE);
            card.setPrefWidth(0);
            card.setMinWidth(200);
            nodes.add(card);
        }
        cards.getChildren().setAll(nodes);
    }

    private String cardId(WindowCardModel m) {
        if (m == model.fiveHour) {
            return "card-five-hour";
        }
        if (m == model.weekly) {
            return "card-weekly";
        }
        return m == model.weeklyOpus ? "card-weekly-opus" : "card-weekly-sonnet";
    }

    private VBox emptyState() {
        Label title = new Label("No usage found yet");
        title.getStyleClass().add("empty-title");
        Button demo = new Button("Explore with demo data");
        demo.setId("exploreDemo");
        demo.getStyleClass().add("demo-button");
        Label demoNote = new Label("Opens a separate window on three weeks of made-up usage; your data is not touched.");
        demoNote.getStyleClass().add("empty-text");
        demoNote.setWrapText(true);
        Label demoStatus = new Label();
        demoStatus.setId("demoStatus");
        demoStatus.getStyleClass().add("action-result");
        demo.setOnAction(e -> {
            demo.setDisable(true);
            demoStatus.setText("Generating demo data…");
            actions.openDemo(message -> {
                demo.setDisable(false);
                demoStatus.setText(message);
            });
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(12, title, grow, demo);
        top.setAlignment(Pos.CENTER_LEFT);

        Label intro = new Label();
        intro.textProperty().bind(model.lookedAtRule.map(r -> "Headroom looked for Claude Code transcripts in "
                + r + ":"));
        intro.getStyleClass().add("empty-text");
        VBox places = new VBox(4);
        places.getStyleClass().add("looked-at");
        Runnable fill = () -> {
            places.getChildren().clear();
            for (String p : model.lookedAt) {
                Label l = new Label("•  " + p);
                l.getStyleClass().addAll("code", "looked-at-item");
                l.setWrapText(true);
                places.getChildren().add(l);
            }
        };
        model.lookedAt.addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();

        Label how = new Label("How to add data");
        how.getStyleClass().add("empty-subtitle");

        HBox proxyRow = copyRow(model.proxyLine, "proxyLine", "copyProxyLine");

        Button install = new Button("Install the status line");
        install.setId("firstRunInstallStatusLine");
        Label installed = new Label();
        installed.setId("statusLineResult");
        installed.getStyleClass().add("action-result");
        installed.setWrapText(true);
        install.setOnAction(e -> {
            install.setDisable(true);
            installed.setText("Installing…");
            actions.installStatusLine(message -> {
                install.setDisable(false);
                installed.setText(message);
            });
        });

        HBox telemetryRow = copyRow(model.telemetryLines, "firstRunTelemetryLines", "firstRunCopyTelemetryLines");
        Button receive = new Button("Receive Claude Code's telemetry");
        receive.setId("firstRunReceiveTelemetry");
        Label received = new Label();
        received.setId("firstRunTelemetryResult");
        received.getStyleClass().add("action-result");
        received.setWrapText(true);
        receive.setOnAction(e -> {
            receive.setDisable(true);
            received.setText("Starting…");
            actions.receiveTelemetry((message, lines) -> {
                receive.setDisable(false);
                received.setText(message);
                if (lines != null) {
                    model.telemetryLines.set(lines);
                }
            });
        });

        Button log = new Button("Log a session");
        log.setId("logSession");
        log.setOnAction(e -> actions.logSession());

        GridPane steps = new GridPane();
        steps.setHgap(28);
        steps.setVgap(14);
        steps.add(step("Claude Code", "Use Claude Code once; its transcripts appear in the folders above and show "
                + "here within seconds."), 0, 0);
        Hyperlink openApi = new Hyperlink("Start the recording proxy on the API tab");
        openApi.setId("openApiTab");
        openApi.setOnAction(e -> actions.openApi());
        steps.add(step("Anthropic API calls", "Record API calls through Headroom's local proxy, then point clients"
                + " at it:", openApi, proxyRow), 1, 0);
        steps.add(step("Official percentages", "Let Claude Code's status line report the 5-hour and weekly figures "
                + "(a backup of its settings is kept):", install, installed), 0, 1);
        steps.add(step("claude.ai chats", "Log messages, limit hits and the percentages claude.ai shows, by hand:",
                log), 1, 1);
        VBox telemetryStep = step("Claude Code's own telemetry", "Claude Code can also send its usage to Headroom "
                + "itself, for sessions whose transcripts Headroom cannot read here (another account, a sandbox, a dev "
                + "container on the host's network). Start receiving it, then run Claude Code with these lines:",
                receive, received, telemetryRow);
        steps.add(telemetryStep, 0, 2, 2, 1);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        steps.getColumnConstraints().setAll(half, half);

        VBox box = new VBox(10, top, demoNote, demoStatus, intro, places, how, steps);
        demoStatus.managedProperty().bind(demoStatus.textProperty().isNotEmpty());
        box.getStyleClass().add("empty-state");
        box.setMaxWidth(920);
        box.setId("emptyState");
        return box;
    }

    /** Text to paste elsewhere, in a code block, with a Copy button that says when it copied. */
    private static HBox copyRow(javafx.beans.value.ObservableStringValue text, String id, String buttonId) {
        Label code = new Label();
        code.setId(id);
        code.textProperty().bind(text);
        code.getStyleClass().addAll("code", "code-block");
        code.setMinWidth(Region.USE_PREF_SIZE);
        Button copy = new Button("Copy");
        copy.setId(buttonId);
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text.get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
        });
        HBox row = new HBox(8, code, copy);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private static VBox step(String name, String text, Node... extra) {
        Label n = new Label(name);
        n.getStyleClass().add("step-name");
        Label t = new Label(text);
        t.getStyleClass().add("empty-text");
        t.setWrapText(true);
        VBox v = new VBox(6, n, t);
        v.getChildren().addAll(extra);
        return v;
    }
}
