package io.headroom.ui.settings;

import io.headroom.config.Settings;
import io.headroom.service.Autostart;
import io.headroom.service.SettingsForm;
import io.headroom.ui.view.Theme;
import io.headroom.ui.view.ViewContext;
import java.io.File;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.controlsfx.control.textfield.TextFields;

/**
 * The Settings tab: a form over {@link Settings}, checked field by field by {@link SettingsForm}
 * (the message next to the field, Save disabled while anything is wrong). Reading and writing
 * files happens on the views' background thread; the theme applies to the window at once.
 */
public final class SettingsController {

    private final ViewContext context;
    private final Supplier<Autostart> autostartFactory;
    private final SettingsViewModel model = new SettingsViewModel();

    @FXML private ComboBox<String> plan;
    @FXML private TextField hourlyValue;
    @FXML private Label hourlyValueError;
    @FXML private ComboBox<String> timeZone;
    @FXML private Label timeZoneError;
    @FXML private ComboBox<String> resetDay;
    @FXML private TextField resetTime;
    @FXML private Label resetTimeError;
    @FXML private TextField notify1;
    @FXML private TextField notify2;
    @FXML private TextField notify3;
    @FXML private Label notifyError;
    @FXML private CheckBox notifyOnReset;
    @FXML private CheckBox tray;
    @FXML private CheckBox oauthUsage;
    @FXML private ToggleGroup theme;
    @FXML private RadioButton light;
    @FXML private RadioButton dark;
    @FXML private CheckBox autostart;
    @FXML private Label autostartNote;
    @FXML private TextField dataFolder;
    @FXML private TextField databaseFile;
    @FXML private Button openFolder;
    @FXML private ListView<String> claudeDirs;
    @FXML private Button addDir;
    @FXML private Button removeDir;
    @FXML private TextField proxyPort;
    @FXML private Label proxyPortError;
    @FXML private CheckBox proxyStarts;
    @FXML private Button installStatusLine;
    @FXML private Button uninstallStatusLine;
    @FXML private Label statusLineMessage;
    @FXML private Label claudeAiHowTo;
    @FXML private javafx.scene.control.PasswordField claudeAiKey;
    @FXML private Button saveClaudeAiKey;
    @FXML private Button claudeAiOff;
    @FXML private Label claudeAiMessage;
    @FXML private javafx.scene.layout.VBox sources;
    @FXML private Label teamPrivacy;
    @FXML private CheckBox receiveTelemetry;
    @FXML private TextField telemetryPort;
    @FXML private Label telemetryPortError;
    @FXML private Label telemetryLines;
    @FXML private Button copyTelemetryLines;
    @FXML private CheckBox serveMetrics;
    @FXML private TextField metricsBind;
    @FXML private TextField metricsPort;
    @FXML private Label metricsError;
    @FXML private Label metricsWarning;
    @FXML private CheckBox pushEnabled;
    @FXML private TextField pushUrl;
    @FXML private ComboBox<String> pushProtocol;
    @FXML private TextField pushInterval;
    @FXML private javafx.scene.control.PasswordField pushHeaders;
    @FXML private Label pushHeadersNote;
    @FXML private Label pushError;
    @FXML private TextField teamUser;
    @FXML private TextField teamHost;
    @FXML private Label aliasError;
    @FXML private CheckBox projectNames;
    @FXML private Button applyTeam;
    @FXML private Label teamMessage;
    @FXML private Label teamRunning;
    @FXML private Button save;
    @FXML private Label saved;
    @FXML private Label formState;

    /** @param autostart makes the login-autostart entry (tests give one in a temporary home) */
    public SettingsController(ViewContext context, Supplier<Autostart> autostart) {
        this.context = context;
        this.autostartFactory = autostart;
    }

    @FXML
    private void initialize() {
        plan.setConverter(converter(model::planName));
        List<String> zones = SettingsViewModel.zones();
        timeZone.getItems().setAll(zones);
        timeZone.setVisibleRowCount(12);
        // Typing part of a name ("madr") offers the matching zones below the field.
        TextFields.bindAutoCompletion(timeZone.getEditor(),
                request -> SettingsViewModel.matchingZones(zones, request.getUserText()));
        timeZone.getEditor().textProperty().addListener((o, a, typed) -> changed());
        resetDay.getItems().setAll(SettingsViewModel.days());
        resetDay.setConverter(converter(SettingsViewModel::dayName));
        for (TextField f : List.of(hourlyValue, resetTime, notify1, notify2, notify3, proxyPort)) {
            f.textProperty().addListener((o, a, b) -> changed());
        }
        for (CheckBox c : List.of(notifyOnReset, tray, autostart, proxyStarts, oauthUsage)) {
            c.selectedProperty().addListener((o, a, b) -> changed());
        }
        plan.valueProperty().addListener((o, a, b) -> changed());
        resetDay.valueProperty().addListener((o, a, b) -> changed());
        theme.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null && plan.getScene() != null) {
                Theme.apply(plan.getScene(), themeName());
            }
            changed();
        });
        claudeDirs.getItems().addListener((javafx.collections.ListChangeListener<String>) c -> changed());
        removeDir.disableProperty().bind(claudeDirs.getSelectionModel().selectedItemProperty().isNull());
        addDir.setOnAction(e -> chooseDir());
        removeDir.setOnAction(e -> claudeDirs.getItems().remove(claudeDirs.getSelectionModel().getSelectedItem()));
        openFolder.setOnAction(e -> openDataFolder());
        openFolder.setVisible(false);
        openFolder.setManaged(false);
        new StatusLineButtons(context, installStatusLine, uninstallStatusLine, statusLineMessage);
        new ClaudeAiKeyForm(context, claudeAiHowTo, claudeAiKey, saveClaudeAiKey, claudeAiOff, claudeAiMessage,
                this::showSources);
        new TeamForm(context, new TeamForm.Controls(teamPrivacy, receiveTelemetry, telemetryPort, telemetryPortError,
                telemetryLines, copyTelemetryLines, serveMetrics, metricsBind, metricsPort, metricsError, metricsWarning,
                pushEnabled, pushUrl, pushProtocol, pushInterval, pushHeaders, pushHeadersNote, pushError, teamUser,
                teamHost, aliasError, projectNames, applyTeam, teamMessage, teamRunning), this::showSources);
        save.setOnAction(e -> save());
        save.setDisable(true);
        formState.setText("Loading…");
    }

    private static StringConverter<String> converter(java.util.function.Function<String, String> show) {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? "" : show.apply(s);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    /** The tab was selected: reads the settings (unless the form holds unsaved edits). */
    public void shown() {
        if (!model.mayReload()) {
            showSources(); // keep what the user is typing; the sources' states still update
            return;
        }
        context.load(() -> SettingsViewModel.Loaded.read(context.workspace(), autostartFactory.get(), FolderOpener.supported()),
                this::fill, message -> formState.setText("Could not read the settings: " + message));
    }

    private void showSources() {
        context.load(() -> context.workspace().sources().list(),
                entries -> SourceRows.fill(sources, entries, ZoneId.systemDefault()), message -> { });
    }

    private void fill(SettingsViewModel.Loaded l) {
        List<String> ids = model.beginFill(l);
        try {
            Settings s = l.settings();
            plan.getItems().setAll(ids);
            plan.setValue(SettingsViewModel.plan(s));
            hourlyValue.setText(SettingsViewModel.hourlyValue(s));
            timeZone.getEditor().setText(SettingsViewModel.timeZone(s, ZoneId.systemDefault()));
            timeZone.setValue(timeZone.getEditor().getText());
            resetDay.setValue(SettingsViewModel.resetDay(s));
            resetTime.setText(s.weeklyResetTime() == null ? "" : s.weeklyResetTime());
            List<String> at = SettingsViewModel.notifyAt(s);
            List<TextField> fields = List.of(notify1, notify2, notify3);
            for (int i = 0; i < fields.size(); i++) {
                fields.get(i).setText(at.get(i));
            }
            notifyOnReset.setSelected(s.notifyOnReset());
            tray.setSelected(s.trayEnabled());
            oauthUsage.setSelected(s.oauthUsageEnabled());
            (Settings.DARK.equals(s.theme()) ? dark : light).setSelected(true);
            autostart.setSelected(l.autostart());
            autostartNote.setText(SettingsViewModel.autostartNote(l.autostart(), l.autostartEntry()));
            dataFolder.setText(l.dataFolder().toString());
            databaseFile.setText(l.database().toString());
            openFolder.setVisible(l.canOpenFolders());
            openFolder.setManaged(l.canOpenFolders());
            claudeDirs.getItems().setAll(s.claudeDirs());
            proxyPort.setText(Integer.toString(s.proxyPortOrDefault()));
            proxyStarts.setSelected(s.proxyStartsWithApp());
            SourceRows.fill(sources, l.sources(), l.zone());
        } finally {
            model.stopFilling();
        }
        String state = model.filled(l);
        show(model.check(input()));
        save.setDisable(true); // nothing to save yet
        formState.setText(state);
    }

    private SettingsForm.Input input() {
        String day = SettingsViewModel.resetDayInput(resetDay.getValue());
        return new SettingsForm.Input(plan.getValue(), timeZone.getEditor().getText(), day, resetTime.getText(),
                hourlyValue.getText(), proxyPort.getText(), proxyStarts.isSelected(),
                List.of(notify1.getText(), notify2.getText(), notify3.getText()), notifyOnReset.isSelected(),
                tray.isSelected(), themeName(), List.copyOf(claudeDirs.getItems()), oauthUsage.isSelected());
    }

    private String themeName() {
        return dark.isSelected() ? Settings.DARK : Settings.LIGHT;
    }

    private SettingsViewModel.Checked changed() {
        SettingsViewModel.Checked c = model.changed(input());
        show(c);
        return c;
    }

    private void show(SettingsViewModel.Checked c) {
        if (c == null) {
            return;
        }
        resetTime.setDisable(c.resetTimeDisabled());
        mark(hourlyValue, hourlyValueError, c.hourlyValue());
        mark(timeZone, timeZoneError, c.timeZone());
        mark(resetTime, resetTimeError, c.resetTime());
        mark(proxyPort, proxyPortError, c.proxyPort());
        List<TextField> fields = List.of(notify1, notify2, notify3);
        for (int i = 0; i < fields.size(); i++) {
            fields.get(i).getStyleClass().remove("invalid");
            if (c.notifyInvalid().get(i)) {
                fields.get(i).getStyleClass().add("invalid");
            }
        }
        notifyError.setText(c.notifyAt() == null ? "" : c.notifyAt());
        save.setDisable(c.saveDisabled());
        saved.setText("");
        formState.setText(c.formState());
    }

    private static void mark(Control field, Label error, String message) {
        field.getStyleClass().remove("invalid");
        if (message != null) {
            field.getStyleClass().add("invalid");
        }
        error.setText(message == null ? "" : message);
    }

    private void save() {
        SettingsViewModel.Checked c = changed();
        if (!model.startSave(c)) {
            return;
        }
        SettingsForm.Result r = c.result();
        save.setDisable(true);
        boolean wantAutostart = autostart.isSelected();
        context.load(() -> {
            context.workspace().saveSettings(r.settings());
            Autostart a = autostartFactory.get();
            if (wantAutostart != a.enabled()) {
                if (wantAutostart) {
                    a.enable();
                } else {
                    a.disable();
                }
            }
            return SettingsViewModel.autostartNote(a.enabled(), a.entry().toString());
        }, note -> {
            model.saved();
            autostartNote.setText(note);
            save.setDisable(true);
            saved.setText("Saved");
            context.dataChanged();
            context.refreshNow();
        }, failure -> {
            save.setDisable(false);
            saved.setText("");
            formState.setText(model.notSaved(failure));
        });
    }

    /** Adds a Claude Code folder (from the folder chooser). */
    void addClaudeDir(Path dir) {
        List<String> dirs = SettingsViewModel.withClaudeDir(claudeDirs.getItems(), dir);
        if (dirs.size() != claudeDirs.getItems().size()) {
            claudeDirs.getItems().add(dirs.get(dirs.size() - 1));
        }
    }

    private void chooseDir() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("A Claude Code folder (holding projects/)");
        File dir = chooser.showDialog(addDir.getScene().getWindow());
        if (dir != null) {
            addClaudeDir(dir.toPath());
        }
    }

    private void openDataFolder() {
        Path folder = Path.of(dataFolder.getText());
        context.load(() -> {
            FolderOpener.open(folder);
            return null;
        }, ok -> { }, failure -> formState.setText("Could not open the folder: " + failure));
    }
}
