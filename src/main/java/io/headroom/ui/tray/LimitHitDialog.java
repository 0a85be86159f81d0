package io.headroom.ui.tray;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.Wording;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * "Mark limit hit" from the tray: asks when the limit resets (default now + 5 h), shows what it
 * understood as you type, and keeps OK from closing while the time cannot be read. The result is
 * the parsed entry; writing it is the caller's (off the FX thread).
 */
public final class LimitHitDialog extends Dialog<LimitHitInput.Result> {

    private final TextField field = new TextField();
    private final Label preview = new Label();
    private final Label error = new Label();
    private final Supplier<Instant> clock;
    private final ZoneId zone;

    public LimitHitDialog(Supplier<Instant> clock, ZoneId zone, String theme) {
        this.clock = clock;
        this.zone = zone;
        setTitle("Headroom · Mark limit hit");
        setHeaderText("You hit a Claude usage limit");
        field.setPromptText(LimitHitInput.DEFAULT);
        field.setText(LimitHitInput.DEFAULT);
        field.setId("resetField");
        field.setPrefColumnCount(22);
        Label ask = new Label("When does it reset?");
        ask.setLabelFor(field);
        Label hint = new Label("As claude.ai or Claude Code says it: 6pm, 18:30, in 2h 14m, tomorrow 9am, Mon 09:00.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        preview.getStyleClass().add("preview");
        preview.setId("preview");
        error.getStyleClass().add("field-error");
        error.setId("error");
        error.setWrapText(true);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        // one slot for both, so the dialog keeps its size as the input turns valid or not
        javafx.scene.layout.StackPane feedback = new javafx.scene.layout.StackPane(preview, error);
        feedback.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        VBox box = new VBox(8, ask, field, hint, feedback);
        box.setPrefWidth(440);
        box.setMinWidth(440);
        getDialogPane().setContent(box);
        getDialogPane().getStyleClass().add("limit-hit-dialog");
        String palette = "dark".equals(theme) ? "theme-dark.css" : "theme-light.css";
        getDialogPane().getStylesheets().setAll(
                io.headroom.ui.dashboard.DashboardWindow.class.getResource(palette).toExternalForm(),
                LimitHitDialog.class.getResource("tray.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Mark limit hit");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (current().error() != null) {
                update();
                e.consume();
            }
        });
        field.textProperty().addListener((o, was, now) -> update());
        setResultConverter(b -> b == ButtonType.OK ? current() : null);
        update();
        setOnShown(e -> Platform.runLater(() -> {
            field.requestFocus();
            field.selectAll();
        }));
    }

    private LimitHitInput.Result current() {
        return LimitHitInput.parse(field.getText(), ZonedDateTime.ofInstant(clock.get(), zone));
    }

    private void update() {
        LimitHitInput.Result r = current();
        if (r.error() != null) {
            error.setText(r.error());
            preview.setText("");
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            return;
        }
        field.getStyleClass().remove("invalid");
        error.setText("");
        preview.setText((r.window() == LimitWindow.FIVE_HOUR ? "5-hour" : "Weekly") + " limit, resets "
                + Wording.clock(r.resetAt(), r.hitAt(), zone) + " (in " + Wording.span(Duration.between(r.hitAt(),
                        r.resetAt())) + ")");
    }

    TextField field() {
        return field;
    }
}
