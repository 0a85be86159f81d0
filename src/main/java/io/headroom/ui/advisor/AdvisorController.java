package io.headroom.ui.advisor;

import io.headroom.domain.advisor.Advisor;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.Explanation;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.report.AdvisorReport;
import io.headroom.service.AdvisorService;
import io.headroom.ui.view.ViewContext;
import io.headroom.ui.view.Views;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Advisor tab: the recommendation with its sentences and confidence, the what-if table, a
 * slider for the hourly value and "Export report…". The history is read and replayed once on the
 * views' background thread; moving the slider only re-decides (also off the FX thread, debounced).
 */
public final class AdvisorController {

    static final Duration DEBOUNCE = Duration.millis(150);
    /** The store changes every few seconds while Claude Code runs, but the period ends at the start of today. */
    static final java.time.Duration RELOAD_AT_MOST_EVERY = java.time.Duration.ofMinutes(1);

    private final ViewContext context;
    private final PauseTransition debounce = new PauseTransition(DEBOUNCE);
    private Function<Window, Path> exportChooser = this::chooseFile;
    private AdvisorService.Prepared prepared;
    private AdvisorResult shown;
    /** The hourly value the user chose with the slider; null until they touch it (then the settings' value holds). */
    private Double chosen;
    private boolean settingSlider;
    private long requests;
    private Instant loadedAt;
    private LocalDate loadedDay;

    @FXML
    private Label period;
    @FXML
    private Label loading;
    @FXML
    private Label recommendation;
    @FXML
    private Label confidence;
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
        optionColumn.setCellValueFactory(c -> text(c.getValue().replay().name()
                + (c.getValue().id().equals(shown == null ? null : shown.currentPlanId()) ? " (current)" : "")));
        priceColumn.setCellValueFactory(c -> text(price(c.getValue().replay())));
        hitsColumn.setCellValueFactory(c -> text(c.getValue().replay().feasible()
                ? String.format(Locale.ROOT, "%.1f", c.getValue().replay().limitHitsPerWeek()) : "–"));
        blockedColumn.setCellValueFactory(c -> text(c.getValue().replay().feasible()
                ? String.format(Locale.ROOT, "%.1f", c.getValue().replay().blockedHoursPerWeek()) : "–"));
        taxColumn.setCellValueFactory(c -> text(c.getValue().replay().feasible()
                ? Explanation.usd(c.getValue().limitTaxUsdMonthly()) : "–"));
        totalColumn.setCellValueFactory(c -> text(c.getValue().replay().feasible()
                ? Explanation.usd(c.getValue().totalUsdMonthly()) : "–"));
        breakEvenColumn.setCellValueFactory(c -> text(breakEven(c.getValue())));
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
                    if (shown != null && item.id().equals(shown.recommendation())) {
                        getStyleClass().add("recommended-row");
                    } else if (!item.replay().feasible()) {
                        getStyleClass().add("not-compared");
                    }
                    List<String> tip = new ArrayList<>();
                    if (item.replay().note() != null) {
                        tip.add(item.replay().note());
                    }
                    if (item.replay().depositUsd() != null) {
                        tip.add("deposit " + Explanation.usd(item.replay().depositUsd()));
                    }
                    if ("above".equals(item.breakEven())) {
                        tip.add(item.replay().name() + " pays for itself if your time is worth more than "
                                + Explanation.usd(item.breakEvenHourlyUsd()) + "/h");
                    } else if ("below".equals(item.breakEven())) {
                        tip.add(item.replay().name() + " saves money if your time is worth less than "
                                + Explanation.usd(item.breakEvenHourlyUsd()) + "/h");
                    }
                    if (!tip.isEmpty()) {
                        setTooltip(new javafx.scene.control.Tooltip(String.join("\n", tip)));
                    }
                }
            }
        });
        table.setPlaceholder(new Label("Replaying your history…"));
        hourly.valueProperty().addListener((o, was, is) -> {
            hourlyValueShown.setText(Explanation.usd(Math.round(is.doubleValue())) + "/h");
            if (!settingSlider) {
                chosen = (double) Math.round(is.doubleValue());
                debounce.playFromStart();
            }
        });
        debounce.setOnFinished(e -> decide());
        export.setDisable(true);
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    static String price(OptionReplay o) {
        return o.kind() == OptionReplay.Kind.API ? Explanation.usd(o.apiSpendUsdMonthly()) + " (API)"
                : Explanation.usd(o.priceUsdMonthly());
    }

    static String breakEven(AdvisorResult.Option o) {
        if (!o.replay().feasible()) {
            return "not compared";
        }
        if (o.breakEven() == null) {
            return "";
        }
        return switch (o.breakEven()) {
            case "above" -> "above " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "below" -> "below " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "always" -> "always cheaper";
            case "current" -> "current plan";
            default -> "never pays";
        };
    }

    /** The tab was selected or the data moved: replay again on a new day or once the last replay is {@link #RELOAD_AT_MOST_EVERY} old. */
    public void reloadIfStale() {
        Instant now = context.now();
        boolean newDay = loadedDay == null || prepared == null
                || !LocalDate.ofInstant(now, prepared.zone()).equals(loadedDay);
        if (loadedAt == null || newDay || java.time.Duration.between(loadedAt, now).compareTo(RELOAD_AT_MOST_EVERY) >= 0) {
            reload();
        }
    }

    /** Reads and replays the history again (on the background thread), then decides at the slider's value. */
    public void reload() {
        Instant now = context.now();
        loadedAt = now;
        loading.setText("Reading your history…");
        context.load(() -> context.workspace().advisor().prepare(now, AdvisorService.DEFAULT_PERIOD_DAYS, null), p -> {
            prepared = p;
            loadedDay = LocalDate.ofInstant(now, p.zone());
            loading.setText("");
            export.setDisable(false);
            if (chosen == null) {
                settingSlider = true;
                hourly.setValue(p.settingsHourlyValue() != null ? p.settingsHourlyValue() : Advisor.DEFAULT_HOURLY_VALUE_USD);
                settingSlider = false;
            }
            decide();
        }, this::failed);
    }

    private void failed(String message) {
        loading.setText("Could not compute the advice: " + message);
    }

    /** Decides at the chosen hourly value off the FX thread; a later request wins over an earlier one. */
    private void decide() {
        AdvisorService.Prepared p = prepared;
        if (p == null) {
            return;
        }
        Double value = chosen;
        long request = ++requests;
        context.load(() -> p.at(value), r -> {
            if (request == requests) {
                render(r);
            }
        }, this::failed);
    }

    private void render(AdvisorResult r) {
        shown = r;
        var in = r.replay().inputs();
        period.setText(LocalDate.ofInstant(in.from(), in.zone()) + " to " + LocalDate.ofInstant(in.to().minusMillis(1), in.zone())
                + " · plan catalog as of " + in.catalog().asOf() + " · costs are API-equivalent");
        AdvisorResult.Option rec = r.option(r.recommendation());
        recommendation.setText(rec == null ? "No recommendation" : rec.replay().name()
                + (r.optimiseFirst() ? ", optimised" : ""));
        recommendation.getParent().getParent().getStyleClass().remove("optimise-first");
        if (r.optimiseFirst()) {
            recommendation.getParent().getParent().getStyleClass().add("optimise-first");
        }
        confidence.setText(r.confidence().level() + " confidence");
        confidence.getStyleClass().removeAll("confidence-high", "confidence-medium", "confidence-low");
        confidence.getStyleClass().add("confidence-" + r.confidence().level());
        confidence.setTooltip(new javafx.scene.control.Tooltip(r.confidence().reason()));
        List<Label> lines = new ArrayList<>();
        for (String s : r.sentences()) {
            Label l = new Label(s);
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
            lines.add(l);
        }
        sentences.getChildren().setAll(lines);
        hourlyNote.setText(r.hourlyValueAssumed()
                ? "No hourly value in your settings: $50/h is assumed. Move the slider to try yours."
                : String.format(Locale.ROOT, "Limit tax = blocked hours x this value x %.3f weeks a month.",
                        Advisor.WEEKS_PER_MONTH));
        table.getItems().setAll(r.options());
        table.refresh();
        List<String> parts = new ArrayList<>();
        for (AdvisorResult.Sensitivity s : r.sensitivity()) {
            parts.add((s.toUsd() == null ? "from " + Explanation.usd(s.fromUsd()) : Explanation.usd(s.fromUsd()) + "–"
                    + Explanation.usd(s.toUsd())) + "/h: " + r.option(s.optionId()).replay().name());
        }
        sensitivity.setText(parts.isEmpty() ? "" : "Cheapest by hourly value: " + String.join(" · ", parts));
    }

    @FXML
    private void export() {
        AdvisorResult r = shown;
        AdvisorService.Prepared p = prepared;
        if (r == null || p == null) {
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
        context.load(() -> AdvisorService.write(AdvisorService.report(p, r, now), format, target), files -> {
            export.setDisable(false);
            exportStatus.setText("Wrote " + String.join(" and ", files.stream().map(Path::toString).toList()));
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
        return shown;
    }
}
