package io.headroom.ui.history;

import io.headroom.domain.history.Granularity;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.service.HistoryService;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The stacked chart's numbers: one bar per day, week or month of the range (empty ones included,
 * so gaps show), one series per model, the five largest models and the rest as "Other models".
 */
final class HistoryChartData {

    static final int MAX_SERIES = 6;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yy", Locale.ROOT);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ROOT);

    enum Measure { COST, TOKENS }

    record Series(String name, List<Double> values) {
        double total() {
            return values.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** @param keys one per bar (ISO dates or months); labels, as unique, are the axis categories */
    record Data(List<String> keys, List<String> labels, List<Series> series) {
    }

    private HistoryChartData() {
    }

    static Data of(HistoryService.History h, Measure measure) {
        List<String> keys = keys(h);
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            position.put(keys.get(i), i);
        }
        Map<String, double[]> byModel = new LinkedHashMap<>();
        for (PeriodUsage p : h.periods()) {
            Integer at = position.get(p.period());
            if (at == null) {
                continue;
            }
            for (ModelUsage m : p.models()) {
                byModel.computeIfAbsent(shortName(m.model()), k -> new double[keys.size()])[at] +=
                        measure == Measure.COST ? m.cost() : m.tokens().total();
            }
        }
        List<Series> all = new ArrayList<>();
        byModel.forEach((name, values) -> all.add(new Series(name, toList(values))));
        all.sort((a, b) -> Double.compare(b.total(), a.total()));
        List<Series> out = new ArrayList<>(all.subList(0, Math.min(all.size(), MAX_SERIES - 1)));
        if (all.size() == MAX_SERIES) {
            out.add(all.get(MAX_SERIES - 1));
        } else if (all.size() > MAX_SERIES) {
            double[] rest = new double[keys.size()];
            for (Series s : all.subList(MAX_SERIES - 1, all.size())) {
                for (int i = 0; i < rest.length; i++) {
                    rest[i] += s.values().get(i);
                }
            }
            out.add(new Series("Other models", toList(rest)));
        }
        boolean years = !keys.isEmpty() && !keys.get(0).substring(0, 4).equals(keys.get(keys.size() - 1).substring(0, 4));
        List<String> labels = keys.stream().map(k -> label(k, h.granularity(), years)).toList();
        return new Data(keys, labels, out);
    }

    /** Every period of the range, from its first day (or the first with data, for "all") to its last. */
    static List<String> keys(HistoryService.History h) {
        LocalDate until = h.range().until();
        LocalDate since = h.range().since();
        if (since == null) {
            if (h.periods().isEmpty()) {
                return List.of();
            }
            String first = h.periods().get(0).period();
            since = first.length() == 7 ? YearMonth.parse(first).atDay(1) : LocalDate.parse(first);
        }
        List<String> keys = new ArrayList<>();
        switch (h.granularity()) {
            case DAY -> {
                for (LocalDate d = since; !d.isAfter(until); d = d.plusDays(1)) {
                    keys.add(d.toString());
                }
            }
            case WEEK -> {
                for (LocalDate d = since.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !d.isAfter(until);
                        d = d.plusWeeks(1)) {
                    keys.add(d.toString());
                }
            }
            case MONTH -> {
                for (YearMonth m = YearMonth.from(since); !m.isAfter(YearMonth.from(until)); m = m.plusMonths(1)) {
                    keys.add(m.toString());
                }
            }
        }
        return keys;
    }

    /** Short and unique within a chart: "27 Nov", "w 23 Nov" ("w 23 Nov 25" when the range spans years), "Nov 2026". */
    static String label(String key, Granularity g, boolean withYear) {
        return switch (g) {
            case DAY -> (withYear ? DAY_YEAR : DAY).format(LocalDate.parse(key));
            case WEEK -> "w " + (withYear ? DAY_YEAR : DAY).format(LocalDate.parse(key));
            case MONTH -> MONTH.format(YearMonth.parse(key));
        };
    }

    /** "claude-haiku-4-5-20251001" becomes "haiku-4-5": the legend stays short. */
    static String shortName(String model) {
        String s = model == null ? "unknown" : model;
        if (s.startsWith("claude-")) {
            s = s.substring("claude-".length());
        }
        return s.replaceFirst("-\\d{8}$", "");
    }

    private static List<Double> toList(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
