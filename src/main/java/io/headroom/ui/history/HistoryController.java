package io.headroom.ui.history;

import io.headroom.domain.Figures;
import io.headroom.domain.history.HistoryRange;
import io.headroom.service.HistoryService;
import io.headroom.ui.view.ViewContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The History tab: usage by model per day, week or month, the past windows with their limit
 * hits, and the range's totals. Queries run on the view thread; the FX thread only draws.
 */
public final class HistoryController {

    private final ViewContext context;
    private final HistoryService service;
    private Function<LocalDate, HistoryRange> selection = HistoryRange.Preset.DAYS_30::endingOn;
    private HistoryService.History shown;
    private long loadedVersion = -1;
    private StackedBarChart<String, Number> chart;
    private final WindowTimeline timeline = new WindowTimeline();

    @FXML
    private ToggleGroup rangeGroup;
    @FXML
    private ToggleButton range7;
    @FXML
    private ToggleButton range30;
    @FXML
    private ToggleButton range90;
    @FXML
    private ToggleButton rangeYear;
    @FXML
    private ToggleButton rangeAll;
    @FXML
    private ToggleButton rangeCustom;
    @FXML
    private HBox customBox;
    @FXML
    private DatePicker fromDate;
    @FXML
    private DatePicker toDate;
    @FXML
    private Label rangeError;
    @FXML
    private Label rangeLabel;
    @FXML
    private Label historyCost;
    @FXML
    private Label historyTokens;
    @FXML
    private Label historyActiveDays;
    @FXML
    private Label historyLimitHits;
    @FXML
    private ToggleGroup measureGroup;
    @FXML
    private ToggleButton showCost;
    @FXML
    private ToggleButton showTokens;
    @FXML
    private Label chartCaption;
    @FXML
    private VBox chartBox;
    @FXML
    private VBox timelineBox;
    @FXML
    private Label timelineCaption;
    @FXML
    private Label historyStatus;

    public HistoryController(ViewContext context) {
        this.context = context;
        this.service = new HistoryService(context.workspace());
    }

    @FXML
    private void initialize() {
        chart = newChart(List.of(), false);
        chartBox.getChildren().add(chart);
        timelineBox.getChildren().add(timeline);
        customBox.managedProperty().bind(customBox.visibleProperty());
        customBox.setVisible(false);
        rangeError.managedProperty().bind(rangeError.visibleProperty());
        rangeError.setVisible(false);
        bindPreset(range7, HistoryRange.Preset.DAYS_7);
        bindPreset(range30, HistoryRange.Preset.DAYS_30);
        bindPreset(range90, HistoryRange.Preset.DAYS_90);
        bindPreset(rangeYear, HistoryRange.Preset.YEAR);
        bindPreset(rangeAll, HistoryRange.Preset.ALL);
        rangeCustom.setOnAction(e -> customBox.setVisible(rangeCustom.isSelected()));
        keepOneSelected(rangeGroup);
        keepOneSelected(measureGroup);
        measureGroup.selectedToggleProperty().addListener((o, was, now) -> {
            if (shown != null && now != null) {
                draw(shown);
            }
        });
        fromDate.valueProperty().addListener((o, was, now) -> clearRangeError());
        toDate.valueProperty().addListener((o, was, now) -> clearRangeError());
    }

    /** The tab was selected: reload only if the data moved since the last load (charts are costly to rebuild). */
    public void shown() {
        if (loadedVersion != context.dataVersion().get()) {
            reload();
        }
    }

    /** The data moved while the tab shows. */
    public void dataChanged() {
        reload();
    }

    private void bindPreset(ToggleButton button, HistoryRange.Preset preset) {
        button.setText(preset.label());
        button.setOnAction(e -> {
            customBox.setVisible(false);
            clearRangeError();
            selection = preset::endingOn;
            reload();
        });
    }

    private static void keepOneSelected(ToggleGroup group) {
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null && was != null) {
                group.selectToggle((Toggle) was);
            }
        });
    }

    @FXML
    private void applyCustom() {
        LocalDate from = fromDate.getValue();
        LocalDate to = toDate.getValue();
        if (from == null || to == null) {
            showRangeError(from == null ? fromDate : toDate, "Pick both dates.");
            return;
        }
        if (from.isAfter(to)) {
            showRangeError(fromDate, "\"From\" is after \"To\".");
            return;
        }
        clearRangeError();
        HistoryRange custom = new HistoryRange(from, to);
        selection = today -> custom;
        reload();
    }

    private void showRangeError(DatePicker field, String message) {
        clearRangeError();
        rangeError.setText(message);
        rangeError.setVisible(true);
        field.getStyleClass().add("field-error");
    }

    private void clearRangeError() {
        rangeError.setVisible(false);
        fromDate.getStyleClass().remove("field-error");
        toDate.getStyleClass().remove("field-error");
    }

    /** Queries the selected range on the view thread and draws the answer. */
    public void reload() {
        Function<LocalDate, HistoryRange> chosen = selection;
        long version = context.dataVersion().get();
        Instant now = context.now();
        historyStatus.setText(shown == null ? "Loading…" : "");
        context.load(() -> {
            ZoneId zone = context.workspace().settings().zone();
            return service.load(chosen.apply(LocalDate.ofInstant(now, zone)), now);
        }, h -> {
            loadedVersion = version;
            historyStatus.setText("");
            if (!h.equals(shown)) {
                shown = h;
                draw(h);
            }
        }, message -> historyStatus.setText("Could not load the history: " + message));
    }

    private void draw(HistoryService.History h) {
        HistoryService.Summary s = h.summary();
        historyCost.setText(Figures.usd(s.cost()));
        historyTokens.setText(Figures.tokens(s.tokens()));
        historyActiveDays.setText(String.valueOf(s.activeDays()));
        historyLimitHits.setText(String.valueOf(s.limitHits()));
        historyLimitHits.getStyleClass().remove("has-hits");
        if (s.limitHits() > 0) {
            historyLimitHits.getStyleClass().add("has-hits");
        }
        rangeLabel.setText(rangeText(h));
        drawChart(h);
        drawTimeline(h);
    }

    private String rangeText(HistoryService.History h) {
        String zone = h.zone().getId();
        if (h.range().since() == null) {
            return "All data up to " + h.range().until() + " · " + zone;
        }
        return h.range().since() + " to " + h.range().until() + " · " + zone;
    }

    private void drawChart(HistoryService.History h) {
        boolean cost = measureGroup.getSelectedToggle() != showTokens;
        HistoryChartData.Data data = HistoryChartData.of(h, cost ? HistoryChartData.Measure.COST
                : HistoryChartData.Measure.TOKENS);
        String per = switch (h.granularity()) {
            case DAY -> "per day";
            case WEEK -> "per week (from Monday)";
            case MONTH -> "per month";
        };
        chartCaption.setText((cost ? "API-equivalent cost " : "Tokens, cache reads included, ") + per + ", by model");
        StackedBarChart<String, Number> fresh = newChart(data.labels(), cost);
        List<XYChart.Series<String, Number>> series = data.series().stream().map(s -> {
            XYChart.Series<String, Number> xy = new XYChart.Series<>();
            xy.setName(s.name());
            for (int i = 0; i < data.keys().size(); i++) {
                xy.getData().add(new XYChart.Data<>(data.labels().get(i), s.values().get(i)));
            }
            return xy;
        }).toList();
        fresh.getData().setAll(series);
        // A new chart each time: StackedBarChart mishandles categories that change under existing series.
        chartBox.getChildren().set(chartBox.getChildren().indexOf(chart), fresh);
        chart = fresh;
        for (XYChart.Series<String, Number> xy : series) {
            for (XYChart.Data<String, Number> d : xy.getData()) {
                if (d.getNode() != null && d.getYValue().doubleValue() > 0) {
                    String value = cost ? Figures.usd(d.getYValue().doubleValue())
                            : Figures.tokens(d.getYValue().longValue()) + " tokens";
                    Tooltip.install(d.getNode(), new Tooltip(d.getXValue() + " · " + xy.getName() + ": " + value));
                }
            }
        }
    }

    private static StackedBarChart<String, Number> newChart(List<String> categories, boolean cost) {
        CategoryAxis periods = new CategoryAxis();
        periods.setAnimated(false);
        periods.getCategories().setAll(categories);
        NumberAxis amounts = new NumberAxis();
        amounts.setAnimated(false);
        amounts.setMinorTickVisible(false);
        amounts.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return cost ? Figures.usd(n.doubleValue()) : HistoryText.compactTokens(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        StackedBarChart<String, Number> chart = new StackedBarChart<>(periods, amounts);
        chart.setAnimated(false);
        chart.setCategoryGap(2);
        chart.getStyleClass().add("usage-chart");
        chart.setMinHeight(200);
        chart.setPrefHeight(215);
        return chart;
    }

    private void drawTimeline(HistoryService.History h) {
        Instant until = h.range().until().plusDays(1).atStartOfDay(h.zone()).toInstant();
        Instant end = until.isAfter(context.now()) ? context.now() : until;
        Instant start = h.range().since() != null ? h.range().since().atStartOfDay(h.zone()).toInstant()
                : h.periods().isEmpty() ? end.minusSeconds(86_400)
                : firstDay(h).atStartOfDay(h.zone()).toInstant();
        timeline.show(start, end, h.zone(), h.windows());
        int five = h.windows().fiveHour().size();
        int weeks = h.windows().weekly().size();
        timelineCaption.setText(h.onlyFiveHourHits()
                ? "Too many 5-hour windows to draw: only the " + five + " that hit the limit are shown; " + weeks
                        + " weekly windows. Bar height is the share of the limit used."
                : five + " five-hour and " + weeks + " weekly windows. Bar height is the share of the limit used; "
                        + "red marks a limit hit (hover for details).");
    }

    private static LocalDate firstDay(HistoryService.History h) {
        List<String> keys = HistoryChartData.keys(h);
        String first = keys.isEmpty() ? h.range().until().toString() : keys.get(0);
        return first.length() == 7 ? java.time.YearMonth.parse(first).atDay(1) : LocalDate.parse(first);
    }
}
