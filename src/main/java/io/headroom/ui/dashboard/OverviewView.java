package io.headroom.ui.dashboard;

import io.headroom.domain.Provenance;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
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

        VBox page = new VBox(18, header(), importProgress(), body());
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
        Label updated = new Label();
        updated.textProperty().bind(model.updated);
        updated.getStyleClass().add("updated");
        VBox left = new VBox(4, title, plan, updated);

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
            Label s = new Label();
            s.textProperty().bind(sub);
            s.getStyleClass().add("tile-sub");
            s.setMinWidth(Region.USE_PREF_SIZE);
            tile.getChildren().add(s);
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
            WindowCard card = new WindowCard(m, cardId(m));
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
        VBox steps = new VBox(8,
                step("Claude Code", "Use Claude Code once; its transcripts appear in the folders above and show here "
                        + "within seconds.", null),
                step("Anthropic API calls", "Run the recording proxy, then point clients at it:",
                        "headroom proxy\nANTHROPIC_BASE_URL=http://127.0.0.1:8787"),
                step("Official percentages", "Let Claude Code's status line report the 5-hour and weekly figures:",
                        "headroom statusline --install"),
                step("claude.ai chats", "Log messages, limit hits and the percentages claude.ai shows by hand:",
                        "headroom log message\nheadroom log limit-hit --resets \"6pm\""));
        VBox box = new VBox(10, title, intro, places, how, steps);
        box.getStyleClass().add("empty-state");
        box.setMaxWidth(880);
        box.setId("emptyState");
        return box;
    }

    private static VBox step(String name, String text, String code) {
        Label n = new Label(name);
        n.getStyleClass().add("step-name");
        Label t = new Label(text);
        t.getStyleClass().add("empty-text");
        t.setWrapText(true);
        VBox v = new VBox(4, n, t);
        if (code != null) {
            Label c = new Label(code);
            c.getStyleClass().addAll("code", "code-block");
            v.getChildren().add(c);
        }
        return v;
    }
}
