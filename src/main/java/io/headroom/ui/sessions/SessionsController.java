package io.headroom.ui.sessions;

import io.headroom.ui.sessions.SessionsViewModel.CodeRow;
import io.headroom.ui.sessions.SessionsViewModel.Row;
import io.headroom.ui.view.ViewContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
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

    private final ViewContext context;
    private final SessionsViewModel model;
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
        this.model = new SessionsViewModel(context.workspace());
    }

    @FXML
    private void initialize() {
        messageModel.getItems().setAll(SessionsViewModel.MODEL_CHOICES);
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
        context.load(() -> model.load(now), loaded -> {
            sessionsIntro.setText(loaded.intro());
            codeSessions.getItems().setAll(loaded.code());
            Row selected = manualEntries.getSelectionModel().getSelectedItem();
            manualEntries.getItems().setAll(loaded.rows());
            Row again = SessionsViewModel.reselect(loaded.rows(), selected);
            if (again != null) {
                manualEntries.getSelectionModel().select(again);
            }
        }, this::failed);
    }

    @FXML
    private void logMessage() {
        String choice = messageModel.getValue();
        Instant now = context.now();
        write(addMessage, () -> model.logMessage(choice, now), invalid -> failed(invalid.error()), () -> { });
    }

    @FXML
    private void logLimitHit() {
        hideError(resetField, resetError);
        String text = resetField.getText();
        Instant now = context.now();
        write(addLimitHit, () -> model.logLimitHit(text, now), invalid -> showError(resetField, resetError, invalid.error()),
                resetField::clear);
    }

    @FXML
    private void logUtilization() {
        hideError(fiveHourField, fiveHourError);
        hideError(weeklyField, weeklyError);
        String five = fiveHourField.getText();
        String week = weeklyField.getText();
        Instant now = context.now();
        write(addUtilization, () -> model.logUtilization(five, week, now), invalid -> {
            if (SessionsViewModel.marksWeekly(invalid)) {
                showError(weeklyField, weeklyError, invalid.error());
            } else {
                showError(fiveHourField, fiveHourError, invalid.error());
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
    private void write(Button button, Supplier<SessionsViewModel.Outcome> action, Consumer<SessionsViewModel.Outcome> onInvalid,
            Runnable onDone) {
        setBusy(button, true);
        logFeedback.setText("");
        context.load(action::get, outcome -> {
            setBusy(button, false);
            if (outcome.invalid()) {
                onInvalid.accept(outcome);
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
        logFeedback.setText(SessionsViewModel.saveFailed(message));
    }

    @FXML
    private void askDelete() {
        Row row = manualEntries.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        cancelEdit();
        confirmText.setText(SessionsViewModel.confirmDeleteText(row));
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
        write(confirmDelete, () -> model.delete(row), invalid -> failed(invalid.error()), () -> { });
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
        editTitle.setText(SessionsViewModel.editTitle(row));
        editValueLabel.setText(SessionsViewModel.editValueLabel(row));
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
        write(null, () -> model.edit(row, when, value, now), invalid -> {
            if (SessionsViewModel.marksWhen(invalid)) {
                showError(editWhen, editWhenError, invalid.error());
            } else {
                showError(editValue, editValueError, invalid.error());
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
