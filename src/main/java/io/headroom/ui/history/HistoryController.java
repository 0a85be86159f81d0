package io.headroom.ui.history;

import io.headroom.domain.history.HistoryRange;
import io.headroom.service.HistoryService;
import io.headroom.ui.view.ViewContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.DoubleFunction;
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
    private final HistoryViewModel model = new HistoryViewModel();
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
        chart = newChart(List.of(), HistoryText::compactTokens);
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
            if (now != null && model.measure(now != showTokens)) {
                draw();
            }
        });
        fromDate.valueProperty().addListener((o, was, now) -> clearRangeError());
        toDate.valueProperty().addListener((o, was, now) -> clearRangeError());
    }

    /** The tab was selected: reload only if the data moved since the last load (charts are costly to rebuild). */
    public void shown() {
        if (model.needsReload(context.dataVersion().get())) {
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
            model.choose(preset);
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
        HistoryViewModel.RangeError error = model.chooseCustom(fromDate.getValue(), toDate.getValue());
        if (error != null) {
            showRangeError(error.field() == HistoryViewModel.Field.FROM ? fromDate : toDate, error.message());
            return;
        }
        clearRangeError();
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
        Function<ZoneId, HistoryRange> chosen = model.rangeAt(context.now());
        long version = context.dataVersion().get();
        Instant now = context.now();
        historyStatus.setText(model.loadingStatus());
        context.load(() -> service.load(chosen.apply(context.workspace().settings().zone()), now), h -> {
            historyStatus.setText("");
            if (model.adopt(h, version)) {
                draw();
            }
        }, message -> historyStatus.setText(HistoryViewModel.loadFailed(message)));
    }

    private void draw() {
        HistoryViewModel.Totals totals = model.totals();
        historyCost.setText(totals.cost());
        historyTokens.setText(totals.tokens());
        historyActiveDays.setText(totals.activeDays());
        historyLimitHits.setText(totals.limitHits());
        historyLimitHits.getStyleClass().remove("has-hits");
        if (totals.hasHits()) {
            historyLimitHits.getStyleClass().add("has-hits");
        }
        rangeLabel.setText(model.rangeText());
        drawChart();
        HistoryViewModel.Span span = model.timelineSpan(context.now());
        timeline.show(span.start(), span.end(), model.shown().zone(), model.shown().windows());
        timelineCaption.setText(model.timelineCaption());
    }

    private void drawChart() {
        HistoryChartData.Data data = model.chartData();
        chartCaption.setText(model.chartCaption());
        StackedBarChart<String, Number> fresh = newChart(data.labels(), model::axisLabel);
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
                String tip = model.barTooltip(d.getXValue(), xy.getName(), d.getYValue().doubleValue());
                if (d.getNode() != null && tip != null) {
                    Tooltip.install(d.getNode(), new Tooltip(tip));
                }
            }
        }
    }

    private static StackedBarChart<String, Number> newChart(List<String> categories, DoubleFunction<String> labels) {
        CategoryAxis periods = new CategoryAxis();
        periods.setAnimated(false);
        periods.getCategories().setAll(categories);
        NumberAxis amounts = new NumberAxis();
        amounts.setAnimated(false);
        amounts.setMinorTickVisible(false);
        amounts.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return labels.apply(n.doubleValue());
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
}
