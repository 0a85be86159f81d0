package io.headroom.ui.advisor;

import io.headroom.config.Settings;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.report.AdvisorReport;
import io.headroom.service.AdvisorService;
import io.headroom.ui.view.ViewContext;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Advisor tab: binds {@link AdvisorViewModel}'s texts to the recommendation with its
 * sentences and confidence, the plan chooser (while no plan is set), the what-if table, the
 * hourly-value slider and "Export report…", and runs the loads on the views' background thread:
 * reading the settings and replaying the history, re-deciding when the slider moves (debounced),
 * saving a chosen plan and writing a report.
 */
public final class AdvisorController {

    static final Duration DEBOUNCE = Duration.millis(150);

    private final ViewContext context;
    private final AdvisorViewModel model = new AdvisorViewModel();
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Function<Window, Path> exportChooser = this::chooseFile;
    private boolean settingSlider;
    private long requests;

    @FXML
    private Label period;
    @FXML
    private Label loading;
    @FXML
    private Label recommendation;
    @FXML
    private Label confidence;
    @FXML
    private HBox planChooser;
    @FXML
    private ComboBox<AdvisorViewModel.PlanChoice> planChoice;
    @FXML
    private Button savePlan;
    @FXML
    private Label planStatus;
    @FXML
    private VBox sentences;
    @FXML
    private Label hourlyValueShown;
    @FXML
    private Slider hourly;
    @FXML
    private Label hourlyNote;
    @FXML
    private Button export;
    @FXML
    private Label exportStatus;
    @FXML
    private TableView<AdvisorResult.Option> table;
    @FXML
    private TableColumn<AdvisorResult.Option, String> optionColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> priceColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> hitsColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> blockedColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> taxColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> totalColumn;
    @FXML
    private TableColumn<AdvisorResult.Option, String> breakEvenColumn;
    @FXML
    private Label sensitivity;

    public AdvisorController(ViewContext context) {
        this.context = context;
    }

    @FXML
    private void initialize() {
        bind(optionColumn, AdvisorViewModel.Row::option);
        bind(priceColumn, AdvisorViewModel.Row::price);
        bind(hitsColumn, AdvisorViewModel.Row::hits);
        bind(blockedColumn, AdvisorViewModel.Row::blocked);
        bind(taxColumn, AdvisorViewModel.Row::tax);
        bind(totalColumn, AdvisorViewModel.Row::total);
        bind(breakEvenColumn, AdvisorViewModel.Row::breakEven);
        for (TableColumn<AdvisorResult.Option, String> col : List.of(priceColumn, hitsColumn, blockedColumn, taxColumn,
                totalColumn)) {
            col.getStyleClass().add("number-cell");
        }
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(AdvisorResult.Option item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("recommended-row", "not-compared");
                setTooltip(null);
                if (!empty && item != null) {
                    AdvisorViewModel.Row row = model.row(item);
                    if (!row.style().isEmpty()) {
                        getStyleClass().add(row.style());
                    }
                    if (row.tooltip() != null) {
                        setTooltip(new Tooltip(row.tooltip()));
                    }
                }
            }
        });
        table.setPlaceholder(new Label(model.tablePlaceholder()));
        planChooser.managedProperty().bind(planChooser.visibleProperty());
        hourlyNote.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        savePlan.disableProperty().bind(planChoice.valueProperty().isNull());
        hourly.valueProperty().addListener((o, was, is) -> {
            hourlyValueShown.setText(model.hourlyValueShown(is.doubleValue()));
            if (!settingSlider) {
                model.slid(is.doubleValue());
                debounce.playFromStart();
            }
        });
        debounce.setOnFinished(e -> decide());
        export.setDisable(true);
    }

    private void bind(TableColumn<AdvisorResult.Option, String> column,
            Function<AdvisorViewModel.Row, String> text) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(text.apply(model.row(c.getValue()))));
    }

    /**
     * The tab was selected or the data moved: reads the saved settings off the FX thread and
     * replays again when they changed (saved in the Settings tab or by the command line), on a new
     * day, or once the last replay is a minute old.
     */
    public void reloadIfStale() {
        load(false);
    }

    /** Reads and replays the history again (on the background thread), then decides at the slider's value. */
    public void reload() {
        load(true);
    }

    private void load(boolean always) {
        Instant now = context.now();
        AdvisorViewModel.Loaded last = model.loaded();
        if (last == null) {
            loading.setText("Reading your history…");
        }
        context.load(() -> {
            Settings saved = context.workspace().settings();
            if (!always && !AdvisorViewModel.needsReload(last, now, saved)) {
                return null;
            }
            return new AdvisorViewModel.Loaded(
                    context.workspace().advisor().prepare(now, AdvisorService.DEFAULT_PERIOD_DAYS, null), saved, now);
        }, fresh -> {
            if (fresh == null) {
                return;
            }
            model.adopt(fresh);
            loading.setText("");
            export.setDisable(false);
            settingSlider = true;
            hourly.setValue(model.sliderValue());
            hourlyValueShown.setText(model.hourlyValueShown(model.sliderValue()));
            settingSlider = false;
            decide();
        }, this::failed);
    }

    private void failed(String message) {
        loading.setText("Could not compute the advice: " + message);
    }

    /** Decides at the slider's hourly value off the FX thread; a later request wins over an earlier one. */
    private void decide() {
        if (model.loaded() == null) {
            return;
        }
        AdvisorService.Prepared p = model.loaded().prepared();
        Double value = model.decisionValue();
        long request = ++requests;
        context.load(() -> p.at(value), r -> {
            if (request == requests && r != null) {
                model.show(r);
                render();
            }
        }, this::failed);
    }

    private void render() {
        period.setText(model.period());
        recommendation.setText(model.recommendation());
        recommendation.getParent().getParent().getStyleClass().remove("optimise-first");
        if (model.optimiseFirst()) {
            recommendation.getParent().getParent().getStyleClass().add("optimise-first");
        }
        confidence.setText(model.confidence());
        confidence.getStyleClass().removeAll("confidence-high", "confidence-medium", "confidence-low");
        confidence.getStyleClass().add(model.confidenceStyle());
        confidence.setTooltip(new Tooltip(model.confidenceReason()));
        boolean ask = model.asksForPlan();
        if (ask && planChoice.getItems().isEmpty()) {
            planChoice.getItems().setAll(AdvisorViewModel.planChoices(model.shown().replay().inputs().catalog()));
        }
        planChooser.setVisible(ask);
        List<Label> lines = new ArrayList<>();
        for (String s : model.sentences()) {
            Label l = new Label(s);
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
            // A long sentence takes the lines it needs instead of ending in "…" when the column is short.
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            lines.add(l);
        }
        sentences.getChildren().setAll(lines);
        hourlyNote.setText(model.hourlyNote());
        ((Label) table.getPlaceholder()).setText(model.tablePlaceholder());
        table.getItems().setAll(model.options());
        table.refresh();
        sensitivity.setText(model.sensitivity());
    }

    /** Saves the chosen plan in the settings, where every view and command reads it, and advises on it. */
    @FXML
    private void savePlan() {
        AdvisorViewModel.PlanChoice choice = planChoice.getValue();
        if (choice == null) {
            return;
        }
        planStatus.setText("Saving…");
        context.load(() -> {
            context.workspace().updateSettings(saved -> saved.withPlan(choice.id()));
            return choice;
        }, saved -> {
            planStatus.setText("");
            context.dataChanged();
            reloadIfStale();
        }, message -> planStatus.setText("Could not save the plan: " + message));
    }

    @FXML
    private void export() {
        AdvisorViewModel.Loaded l = model.loaded();
        if (l == null || model.shown() == null) {
            return;
        }
        Path target = exportChooser.apply(export.getScene() == null ? null : export.getScene().getWindow());
        if (target == null) {
            return;
        }
        AdvisorReport.Format format;
        try {
            format = formatOf(target);
        } catch (IllegalArgumentException e) {
            exportStatus.setText(e.getMessage());
            return;
        }
        exportStatus.setText("Writing " + target.getFileName() + "…");
        export.setDisable(true);
        Instant now = context.now();
        // The report is the saved advice: at the saved hourly value (read again, in case it was saved since), not the
        // one the slider is trying.
        context.load(() -> {
            Settings saved = context.workspace().settings();
            AdvisorService.Prepared p = AdvisorViewModel.needsReload(l, now, saved)
                    ? context.workspace().advisor().prepare(now, AdvisorService.DEFAULT_PERIOD_DAYS, null) : l.prepared();
            return AdvisorService.write(AdvisorService.report(p, p.at(null), now), format, target);
        }, files -> {
            export.setDisable(false);
            exportStatus.setText(AdvisorViewModel.wrote(files));
        }, message -> {
            export.setDisable(false);
            exportStatus.setText("Could not write the report: " + message);
        });
    }

    static AdvisorReport.Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return AdvisorReport.Format.of(ext.equals("htm") ? "html" : ext);
    }

    private Path chooseFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the advisor's report");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("HTML report (*.html)", "*.html"),
                new FileChooser.ExtensionFilter("CSV: what-if table and daily usage (*.csv)", "*.csv"),
                new FileChooser.ExtensionFilter("JSON: everything (*.json)", "*.json"));
        chooser.setInitialFileName("headroom-advisor.html");
        File f = chooser.showSaveDialog(owner);
        if (f == null) {
            return null;
        }
        String name = f.getName();
        if (!name.contains(".")) {
            String ext = chooser.getSelectedExtensionFilter() == null ? "*.html"
                    : chooser.getSelectedExtensionFilter().getExtensions().get(0);
            return f.toPath().resolveSibling(name + ext.substring(1));
        }
        return f.toPath();
    }

    /** Tests replace the file dialog. */
    public void setExportChooser(Function<Window, Path> chooser) {
        this.exportChooser = chooser;
    }

    /** The advice on screen, for tests. */
    public AdvisorResult shown() {
        return model.shown();
    }
}
