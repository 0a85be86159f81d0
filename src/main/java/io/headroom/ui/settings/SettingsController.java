package io.headroom.ui.settings;

import io.headroom.config.Settings;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.service.Autostart;
import io.headroom.service.SettingsForm;
import io.headroom.ui.view.Theme;
import io.headroom.ui.view.ViewContext;
import java.io.File;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    private static final String NOT_SET = "";

    private final ViewContext context;
    private final Supplier<Autostart> autostartFactory;
    private final Map<String, String> planNames = new LinkedHashMap<>();
    private boolean filling;
    private boolean loaded;
    private boolean saving;
    private boolean dirty;

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
        plan.setConverter(converter(id -> id.equals(NOT_SET) ? "Not set" : planNames.getOrDefault(id, id)));
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.sort(null);
        timeZone.getItems().setAll(zones);
        timeZone.setVisibleRowCount(12);
        // Typing part of a name ("madr") offers the matching zones below the field.
        TextFields.bindAutoCompletion(timeZone.getEditor(), request -> {
            String t = request.getUserText() == null ? "" : request.getUserText().strip().toLowerCase(Locale.ROOT);
            return t.isEmpty() ? List.of() : zones.stream().filter(z -> z.toLowerCase(Locale.ROOT).contains(t))
                    .limit(30).toList();
        });
        timeZone.getEditor().textProperty().addListener((o, a, typed) -> changed());
        List<String> days = new ArrayList<>(List.of(NOT_SET));
        for (DayOfWeek d : DayOfWeek.values()) {
            days.add(d.name());
        }
        resetDay.getItems().setAll(days);
        resetDay.setConverter(converter(d -> d.equals(NOT_SET) ? "Not set"
                : DayOfWeek.valueOf(d).getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
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

    private record Loaded(Settings settings, List<PlanCatalog.Plan> plans, boolean autostart, String autostartEntry,
            Path dataFolder, Path database, boolean canOpenFolders, String problem,
            List<io.headroom.sources.SourceRegistry.Entry> sources, ZoneId zone) {
    }

    /** The tab was selected: reads the settings (unless the form holds unsaved edits). */
    public void shown() {
        if (dirty) {
            showSources(); // keep what the user is typing; the sources' states still update
            return;
        }
        context.load(() -> {
            var ws = context.workspace();
            Settings s;
            String problem = null;
            try {
                s = ws.settings();
            } catch (IllegalArgumentException unreadable) {
                s = Settings.empty();
                problem = unreadable.getMessage() + " Saving replaces it.";
            }
            Autostart a = autostartFactory.get();
            return new Loaded(s, ws.plans().catalog().plans(), a.enabled(), a.entry().toString(),
                    ws.dataDirectory().path().toAbsolutePath(), ws.databaseFile().toAbsolutePath(),
                    FolderOpener.supported(), problem, ws.sources().list(), zoneOf(s));
        }, this::fill, message -> formState.setText("Could not read the settings: " + message));
    }

    private static ZoneId zoneOf(Settings s) {
        try {
            return s.zone();
        } catch (RuntimeException unknownZone) {
            return ZoneId.systemDefault();
        }
    }

    private void showSources() {
        context.load(() -> context.workspace().sources().list(),
                entries -> SourceRows.fill(sources, entries, ZoneId.systemDefault()), message -> { });
    }

    private void fill(Loaded l) {
        filling = true;
        try {
            Settings s = l.settings();
            planNames.clear();
            l.plans().forEach(p -> planNames.put(p.id(), p.name()));
            List<String> ids = new ArrayList<>(List.of(NOT_SET));
            ids.addAll(planNames.keySet());
            plan.getItems().setAll(ids);
            plan.setValue(s.plan() == null ? NOT_SET : s.plan());
            hourlyValue.setText(s.hourlyValueUsd() == null ? "" : plain(s.hourlyValueUsd()));
            timeZone.getEditor().setText(s.timeZone() == null ? ZoneId.systemDefault().getId() : s.timeZone());
            timeZone.setValue(timeZone.getEditor().getText());
            resetDay.setValue(s.weeklyResetDay() == null ? NOT_SET : Settings.day(s.weeklyResetDay()).name());
            resetTime.setText(s.weeklyResetTime() == null ? "" : s.weeklyResetTime());
            List<Integer> at = new ArrayList<>(s.notifyAtPercent());
            List<TextField> fields = List.of(notify1, notify2, notify3);
            for (int i = 0; i < fields.size(); i++) {
                fields.get(i).setText(Integer.toString(i < at.size() ? at.get(i) : Settings.DEFAULT_NOTIFY_AT.get(i)));
            }
            notifyOnReset.setSelected(s.notifyOnReset());
            tray.setSelected(s.trayEnabled());
            oauthUsage.setSelected(s.oauthUsageEnabled());
            (Settings.DARK.equals(s.theme()) ? dark : light).setSelected(true);
            autostart.setSelected(l.autostart());
            autostartNote.setText(l.autostart() ? "Entry: " + l.autostartEntry() : "");
            dataFolder.setText(l.dataFolder().toString());
            databaseFile.setText(l.database().toString());
            openFolder.setVisible(l.canOpenFolders());
            openFolder.setManaged(l.canOpenFolders());
            claudeDirs.getItems().setAll(s.claudeDirs());
            proxyPort.setText(Integer.toString(s.proxyPortOrDefault()));
            proxyStarts.setSelected(s.proxyStartsWithApp());
            SourceRows.fill(sources, l.sources(), l.zone());
        } finally {
            filling = false;
        }
        loaded = true;
        changed();
        dirty = false;
        save.setDisable(true); // nothing to save yet
        formState.setText(l.problem() == null ? "" : l.problem());
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private SettingsForm.Input input() {
        String day = resetDay.getValue() == null || resetDay.getValue().equals(NOT_SET) ? null : resetDay.getValue();
        return new SettingsForm.Input(plan.getValue(), timeZone.getEditor().getText(), day, resetTime.getText(),
                hourlyValue.getText(), proxyPort.getText(), proxyStarts.isSelected(),
                List.of(notify1.getText(), notify2.getText(), notify3.getText()), notifyOnReset.isSelected(),
                tray.isSelected(), themeName(), List.copyOf(claudeDirs.getItems()), oauthUsage.isSelected());
    }

    private String themeName() {
        return dark.isSelected() ? Settings.DARK : Settings.LIGHT;
    }

    private SettingsForm.Result changed() {
        if (filling || !loaded) {
            return null;
        }
        dirty = true;
        resetTime.setDisable(resetDay.getValue() == null || resetDay.getValue().equals(NOT_SET));
        SettingsForm.Result r = SettingsForm.check(input());
        Map<String, String> e = r.errors();
        mark(hourlyValue, hourlyValueError, e.get(SettingsForm.HOURLY_VALUE));
        mark(timeZone, timeZoneError, e.get(SettingsForm.TIME_ZONE));
        mark(resetTime, resetTimeError, e.get(SettingsForm.RESET_TIME));
        mark(proxyPort, proxyPortError, e.get(SettingsForm.PROXY_PORT));
        String notify = null;
        List<TextField> fields = List.of(notify1, notify2, notify3);
        for (int i = 0; i < fields.size(); i++) {
            String m = e.get(SettingsForm.NOTIFY + i);
            fields.get(i).getStyleClass().remove("invalid");
            if (m != null) {
                fields.get(i).getStyleClass().add("invalid");
                notify = m;
            }
        }
        notifyError.setText(notify == null ? "" : notify);
        save.setDisable(saving || !r.valid());
        saved.setText("");
        formState.setText(r.valid() ? "" : "Fix the marked fields to save.");
        return r;
    }

    private static void mark(Control field, Label error, String message) {
        field.getStyleClass().remove("invalid");
        if (message != null) {
            field.getStyleClass().add("invalid");
        }
        error.setText(message == null ? "" : message);
    }

    private void save() {
        SettingsForm.Result r = changed();
        if (r == null || !r.valid() || saving) {
            return;
        }
        saving = true;
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
            return a.enabled() ? "Entry: " + a.entry() : "";
        }, note -> {
            saving = false;
            dirty = false;
            autostartNote.setText(note);
            save.setDisable(true);
            saved.setText("Saved");
            context.dataChanged();
            context.refreshNow();
        }, failure -> {
            saving = false;
            save.setDisable(false);
            saved.setText("");
            formState.setText("Not saved: " + failure);
        });
    }

    /** Adds a Claude Code folder (from the folder chooser). */
    void addClaudeDir(Path dir) {
        String s = dir.toAbsolutePath().toString();
        if (!claudeDirs.getItems().contains(s)) {
            claudeDirs.getItems().add(s);
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
