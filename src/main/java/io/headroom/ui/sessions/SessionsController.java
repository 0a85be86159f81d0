package io.headroom.ui.sessions;

import io.headroom.domain.manual.ManualEntry;
import io.headroom.service.ManualLog;
import io.headroom.service.UsageReports;
import io.headroom.ui.view.ViewContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The Sessions tab: quick buttons to log claude.ai use by hand, and the list of what was logged
 * with edit and delete. Reading and writing run on the view thread; a bad field gets its message
 * next to it and nothing is written.
 */
public final class SessionsController {

    /** How far back the list goes. */
    static final Duration LISTED = Duration.ofDays(90);
    private static final String ANY_MODEL = "Any model";
    private static final Map<String, String> MODELS = Map.of("Opus", "opus", "Sonnet", "sonnet", "Haiku", "haiku");

    /** One table row, with its texts made off the FX thread (they need the user's zone). */
    record Row(ManualEntry entry, String when, String kind, String detail, String whenText, String valueText) {
    }

    /** One Claude Code session as the second table shows it. */
    record CodeRow(String last, String project, String models, String tokens, String cost) {
    }

    /** What one background load brings: the zone, the hand-logged rows and the Claude Code sessions. */
    private record Loaded(String zone, List<Row> rows, List<CodeRow> code) {
    }

    /** What a write came to: done (with a message to show) or a field that is wrong. */
    private record Outcome(String done, ManualLog.InvalidInput invalid) {
    }

    private final ViewContext context;
    private final ManualLog log;
    private Row editing;

    @FXML
    private ComboBox<String> messageModel;
    @FXML
    private Button addMessage;
    @FXML
    private TextField resetField;
    @FXML
    private Label resetError;
    @FXML
    private Button addLimitHit;
    @FXML
    private TextField fiveHourField;
    @FXML
    private Label fiveHourError;
    @FXML
    private TextField weeklyField;
    @FXML
    private Label weeklyError;
    @FXML
    private Button addUtilization;
    @FXML
    private Label logFeedback;
    @FXML
    private Label sessionsIntro;
    @FXML
    private TableView<Row> manualEntries;
    @FXML
    private TableColumn<Row, String> whenColumn;
    @FXML
    private TableColumn<Row, String> kindColumn;
    @FXML
    private TableColumn<Row, String> detailColumn;
    @FXML
    private TableView<CodeRow> codeSessions;
    @FXML
    private TableColumn<CodeRow, String> codeLast;
    @FXML
    private TableColumn<CodeRow, String> codeProject;
    @FXML
    private TableColumn<CodeRow, String> codeModels;
    @FXML
    private TableColumn<CodeRow, String> codeTokens;
    @FXML
    private TableColumn<CodeRow, String> codeCost;
    @FXML
    private Button editEntry;
    @FXML
    private Button deleteEntry;
    @FXML
    private HBox confirmBox;
    @FXML
    private Label confirmText;
    @FXML
    private Button confirmDelete;
    @FXML
    private VBox editBox;
    @FXML
    private Label editTitle;
    @FXML
    private TextField editWhen;
    @FXML
    private Label editWhenError;
    @FXML
    private Label editValueLabel;
    @FXML
    private TextField editValue;
    @FXML
    private Label editValueError;

    public SessionsController(ViewContext context) {
        this.context = context;
        this.log = new ManualLog(context.workspace());
    }

    @FXML
    private void initialize() {
        messageModel.getItems().setAll(ANY_MODEL, "Opus", "Sonnet", "Haiku");
        messageModel.getSelectionModel().selectFirst();
        whenColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().when()));
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().kind()));
        detailColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().detail()));
        manualEntries.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        codeLast.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().last()));
        codeProject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().project()));
        codeModels.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().models()));
        codeTokens.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().tokens()));
        codeCost.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cost()));
        codeSessions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        for (javafx.scene.Node n : List.of(confirmBox, editBox, resetError, fiveHourError, weeklyError, editWhenError,
                editValueError)) {
            n.managedProperty().bind(n.visibleProperty());
            n.setVisible(false);
        }
        editEntry.disableProperty().bind(manualEntries.getSelectionModel().selectedItemProperty().isNull());
        deleteEntry.disableProperty().bind(manualEntries.getSelectionModel().selectedItemProperty().isNull());
        manualEntries.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                askDelete();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                startEdit();
                e.consume();
            }
        });
        editBox.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                cancelEdit();
                e.consume();
            }
        });
        clearOnTyping(resetField, resetError);
        clearOnTyping(fiveHourField, fiveHourError);
        clearOnTyping(weeklyField, weeklyError);
        clearOnTyping(editWhen, editWhenError);
        clearOnTyping(editValue, editValueError);
    }

    /** The tab was selected. */
    public void shown() {
        reload();
    }

    /** The data moved while the tab shows. */
    public void dataChanged() {
        reload();
    }

    void reload() {
        Instant now = context.now();
        context.load(() -> {
            List<Row> rows = log.recent(now, LISTED).stream()
                    .sorted((a, b) -> b.at().compareTo(a.at()))
                    .map(e -> new Row(e, log.shown(e.at()), kindName(e.kind()), log.describe(e), log.whenText(e),
                            log.valueText(e)))
                    .toList();
            return new Loaded(log.zone().getId(), rows, codeSessions(now));
        }, loaded -> {
            sessionsIntro.setText("Log what you use on claude.ai (the browser and desktop app keep no record Headroom can read)."
                    + " Times are in " + loaded.zone() + ".");
            codeSessions.getItems().setAll(loaded.code());
            String selected = manualEntries.getSelectionModel().getSelectedItem() == null ? null
                    : manualEntries.getSelectionModel().getSelectedItem().entry().id();
            manualEntries.getItems().setAll(loaded.rows());
            for (Row r : loaded.rows()) {
                if (r.entry().id().equals(selected)) {
                    manualEntries.getSelectionModel().select(r);
                }
            }
        }, this::failed);
    }

    /** Claude Code sessions of the last 30 local days, most recent first (at most 200). */
    private List<CodeRow> codeSessions(Instant now) {
        java.time.ZoneId zone = log.zone();
        java.time.LocalDate today = java.time.LocalDate.ofInstant(now, zone);
        return context.workspace().reports().sessions(new UsageReports.Range(today.minusDays(29), today, zone)).stream()
                .sorted((a, b) -> b.lastActivity().compareTo(a.lastActivity()))
                .limit(200)
                .map(s -> new CodeRow(log.shown(s.lastActivity()), s.project() == null ? "—" : s.project(),
                        String.join(", ", s.modelNames().stream().map(SessionsController::shortModel).toList()),
                        String.format(java.util.Locale.ROOT, "%,d", s.tokens().total()),
                        String.format(java.util.Locale.ROOT, "$%,.2f", s.cost())))
                .toList();
    }

    private static String shortModel(String model) {
        return model.startsWith("claude-") ? model.substring("claude-".length()).replaceFirst("-\\d{8}$", "") : model;
    }

    static String kindName(String kind) {
        return switch (kind) {
            case "message" -> "Message";
            case "limit-hit" -> "Limit hit";
            default -> "Utilization";
        };
    }

    @FXML
    private void logMessage() {
        String model = MODELS.get(messageModel.getValue());
        Instant now = context.now();
        write(addMessage, () -> {
            log.message(now, 1, model);
            return "Logged 1 message" + (model == null ? "" : " (" + model + ")") + " at " + log.shown(now) + ".";
        }, invalid -> failed(invalid.getMessage()), () -> { });
    }

    @FXML
    private void logLimitHit() {
        hideError(resetField, resetError);
        String text = resetField.getText();
        Instant now = context.now();
        write(addLimitHit, () -> {
            String id = log.limitHit(now, text);
            ManualEntry e = log.recent(now, Duration.ofMinutes(1)).stream().filter(x -> x.id().equals(id))
                    .findFirst().orElseThrow();
            return "Logged a limit hit: " + log.describe(e) + ".";
        }, invalid -> showError(resetField, resetError, invalid.getMessage()), resetField::clear);
    }

    @FXML
    private void logUtilization() {
        hideError(fiveHourField, fiveHourError);
        hideError(weeklyField, weeklyError);
        String five = fiveHourField.getText();
        String week = weeklyField.getText();
        Instant now = context.now();
        write(addUtilization, () -> {
            int n = log.utilization(now, five, week).size();
            return "Logged " + (n == 1 ? "the percentage" : "both percentages") + " seen at " + log.shown(now) + ".";
        }, invalid -> {
            if (invalid.field() == ManualLog.Field.WEEKLY) {
                showError(weeklyField, weeklyError, invalid.getMessage());
            } else {
                showError(fiveHourField, fiveHourError, invalid.getMessage());
            }
        }, () -> {
            fiveHourField.clear();
            weeklyField.clear();
        });
    }

    /**
     * Runs a write on the view thread. On success: the message shows, the inputs clear, and the
     * dashboard recomputes at once so the Overview moves. On bad input: the field's message shows.
     */
    private void write(Button button, Callable<String> action, Consumer<ManualLog.InvalidInput> onInvalid,
            Runnable onDone) {
        setBusy(button, true);
        logFeedback.setText("");
        context.load(() -> {
            try {
                return new Outcome(action.call(), null);
            } catch (ManualLog.InvalidInput e) {
                return new Outcome(null, e);
            }
        }, outcome -> {
            setBusy(button, false);
            if (outcome.invalid() != null) {
                onInvalid.accept(outcome.invalid());
                return;
            }
            logFeedback.getStyleClass().remove("failed");
            logFeedback.setText(outcome.done());
            onDone.run();
            context.dataChanged();
            context.refreshNow();
        }, message -> {
            setBusy(button, false);
            failed(message);
        });
    }

    private static void setBusy(Button button, boolean busy) {
        if (button != null) {
            button.setDisable(busy);
        }
    }

    private void failed(String message) {
        logFeedback.getStyleClass().remove("failed");
        logFeedback.getStyleClass().add("failed");
        logFeedback.setText("Could not save: " + message);
    }

    @FXML
    private void askDelete() {
        Row row = manualEntries.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        cancelEdit();
        confirmText.setText("Delete " + row.kind().toLowerCase(java.util.Locale.ROOT) + " \"" + row.detail() + "\" of "
                + row.when() + "?");
        confirmBox.setVisible(true);
        confirmDelete.requestFocus();
    }

    @FXML
    private void confirmDelete() {
        Row row = manualEntries.getSelectionModel().getSelectedItem();
        confirmBox.setVisible(false);
        if (row == null) {
            return;
        }
        write(confirmDelete, () -> {
            if (!log.delete(row.entry().id())) {
                throw new ManualLog.InvalidInput(ManualLog.Field.WHEN, "That entry was already gone.");
            }
            return "Deleted the " + row.kind().toLowerCase(java.util.Locale.ROOT) + " of " + row.when() + ".";
        }, invalid -> failed(invalid.getMessage()), () -> { });
        manualEntries.requestFocus();
    }

    @FXML
    private void cancelDelete() {
        confirmBox.setVisible(false);
        manualEntries.requestFocus();
    }

    @FXML
    private void startEdit() {
        Row row = manualEntries.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        confirmBox.setVisible(false);
        editing = row;
        editTitle.setText("Edit the " + row.kind().toLowerCase(java.util.Locale.ROOT) + " of " + row.when());
        editValueLabel.setText(switch (row.entry().kind()) {
            case "message" -> "Messages";
            case "limit-hit" -> "Resets";
            default -> "Percent (" + ManualLog.windowName(row.entry().window()) + ")";
        });
        editWhen.setText(row.whenText());
        editValue.setText(row.valueText());
        hideError(editWhen, editWhenError);
        hideError(editValue, editValueError);
        editBox.setVisible(true);
        editWhen.requestFocus();
    }

    @FXML
    private void saveEdit() {
        Row row = editing;
        if (row == null) {
            return;
        }
        hideError(editWhen, editWhenError);
        hideError(editValue, editValueError);
        String when = editWhen.getText();
        String value = editValue.getText();
        Instant now = context.now();
        write(null, () -> {
            log.edit(row.entry(), when, value, now);
            return "Saved the " + row.kind().toLowerCase(java.util.Locale.ROOT) + ".";
        }, invalid -> {
            if (invalid.field() == ManualLog.Field.WHEN) {
                showError(editWhen, editWhenError, invalid.getMessage());
            } else {
                showError(editValue, editValueError, invalid.getMessage());
            }
        }, this::cancelEdit);
    }

    @FXML
    private void cancelEdit() {
        editing = null;
        editBox.setVisible(false);
    }

    private static void showError(TextField field, Label label, String message) {
        label.setText(message);
        label.setVisible(true);
        if (!field.getStyleClass().contains("field-error")) {
            field.getStyleClass().add("field-error");
        }
        field.requestFocus();
    }

    private static void hideError(TextField field, Label label) {
        label.setVisible(false);
        field.getStyleClass().remove("field-error");
    }

    private static void clearOnTyping(TextField field, Label error) {
        field.textProperty().addListener((o, was, now) -> hideError(field, error));
    }
}
