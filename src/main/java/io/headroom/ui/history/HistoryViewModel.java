package io.headroom.ui.history;

import io.headroom.domain.Figures;
import io.headroom.domain.history.HistoryRange;
import io.headroom.service.HistoryService;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * What the History tab shows, in plain Java: the chosen range and its checks, the totals, the
 * captions and the timeline's span. The controller binds these to its controls, draws the chart
 * from {@link #chartData} and runs the loads on the views' thread.
 */
public final class HistoryViewModel {

    /** The date field a range message belongs to. */
    public enum Field { FROM, TO }

    /** Why a custom range was refused, and which field to mark. */
    public record RangeError(Field field, String message) {
    }

    /** The range's totals as shown; {@code hasHits} marks the limit-hit figure. */
    public record Totals(String cost, String tokens, String activeDays, String limitHits, boolean hasHits) {
    }

    /** The stretch of time the window timeline covers. */
    public record Span(Instant start, Instant end) {
    }

    private Function<LocalDate, HistoryRange> selection = HistoryRange.Preset.DAYS_30::endingOn;
    private HistoryService.History shown;
    private long loadedVersion = -1;
    private boolean cost = true;

    /** A preset button was pressed. */
    public void choose(HistoryRange.Preset preset) {
        selection = preset::endingOn;
    }

    /** The custom range was applied: null when taken, else what is wrong (and the selection stays). */
    public RangeError chooseCustom(LocalDate from, LocalDate to) {
        if (from == null || to == null) {
            return new RangeError(from == null ? Field.FROM : Field.TO, "Pick both dates.");
        }
        if (from.isAfter(to)) {
            return new RangeError(Field.FROM, "\"From\" is after \"To\".");
        }
        HistoryRange custom = new HistoryRange(from, to);
        selection = today -> custom;
        return null;
    }

    /** The range the current choice means on the day {@code now} falls on in {@code zone}. */
    public HistoryRange range(Instant now, ZoneId zone) {
        return selection.apply(LocalDate.ofInstant(now, zone));
    }

    /** Fixes the current choice for a load that runs later on another thread. */
    public Function<ZoneId, HistoryRange> rangeAt(Instant now) {
        Function<LocalDate, HistoryRange> chosen = selection;
        return zone -> chosen.apply(LocalDate.ofInstant(now, zone));
    }

    /** Whether the tab, selected again, must load: only when the data moved (the chart is costly to rebuild). */
    public boolean needsReload(long dataVersion) {
        return loadedVersion != dataVersion;
    }

    /** The status line while a load runs: a first load says so, later ones keep the old figures quiet. */
    public String loadingStatus() {
        return shown == null ? "Loading…" : "";
    }

    public static String loadFailed(String message) {
        return "Could not load the history: " + message;
    }

    /** A load came back; true when it differs from what is shown, so the tab must draw again. */
    public boolean adopt(HistoryService.History fresh, long dataVersion) {
        loadedVersion = dataVersion;
        if (fresh.equals(shown)) {
            return false;
        }
        shown = fresh;
        return true;
    }

    public HistoryService.History shown() {
        return shown;
    }

    /** Cost or tokens in the chart; true when the tab must draw again. */
    public boolean measure(boolean showCost) {
        boolean changed = showCost != cost;
        cost = showCost;
        return changed && shown != null;
    }

    public boolean showsCost() {
        return cost;
    }

    public Totals totals() {
        HistoryService.Summary s = shown.summary();
        return new Totals(Figures.usd(s.cost()), Figures.tokens(s.tokens()), String.valueOf(s.activeDays()),
                String.valueOf(s.limitHits()), s.limitHits() > 0);
    }

    public String rangeText() {
        String zone = shown.zone().getId();
        if (shown.range().since() == null) {
            return "All data up to " + shown.range().until() + " · " + zone;
        }
        return shown.range().since() + " to " + shown.range().until() + " · " + zone;
    }

    public String chartCaption() {
        String per = switch (shown.granularity()) {
            case DAY -> "per day";
            case WEEK -> "per week (from Monday)";
            case MONTH -> "per month";
        };
        return (cost ? "API-equivalent cost " : "Tokens, cache reads included, ") + per + ", by model";
    }

    public HistoryChartData.Data chartData() {
        return HistoryChartData.of(shown, cost ? HistoryChartData.Measure.COST : HistoryChartData.Measure.TOKENS);
    }

    /** The text of a bar's tooltip, or null for an empty bar (it gets none). */
    public String barTooltip(String period, String model, double value) {
        if (value <= 0) {
            return null;
        }
        String amount = cost ? Figures.usd(value) : Figures.tokens((long) value) + " tokens";
        return period + " · " + model + ": " + amount;
    }

    /** The amount axis' labels: dollars, or compact token counts. */
    public String axisLabel(double n) {
        return cost ? Figures.usd(n) : HistoryText.compactTokens(n);
    }

    /**
     * From the range's first day (or, for all data, the first day with usage) to the end of its
     * last day, but never past {@code now}; with no usage at all, the day before the end.
     */
    public Span timelineSpan(Instant now) {
        HistoryService.History h = shown;
        Instant until = h.range().until().plusDays(1).atStartOfDay(h.zone()).toInstant();
        Instant end = until.isAfter(now) ? now : until;
        Instant start = h.range().since() != null ? h.range().since().atStartOfDay(h.zone()).toInstant()
                : h.periods().isEmpty() ? end.minusSeconds(86_400)
                : firstDay(h).atStartOfDay(h.zone()).toInstant();
        return new Span(start, end);
    }

    public String timelineCaption() {
        int five = shown.windows().fiveHour().size();
        int weeks = shown.windows().weekly().size();
        return shown.onlyFiveHourHits()
                ? "Too many 5-hour windows to draw: only the " + five + " that hit the limit are shown; " + weeks
                        + " weekly windows. Bar height is the share of the limit used."
                : five + " five-hour and " + weeks + " weekly windows. Bar height is the share of the limit used; "
                        + "red marks a limit hit (hover for details).";
    }

    private static LocalDate firstDay(HistoryService.History h) {
        List<String> keys = HistoryChartData.keys(h);
        String first = keys.isEmpty() ? h.range().until().toString() : keys.get(0);
        return first.length() == 7 ? YearMonth.parse(first).atDay(1) : LocalDate.parse(first);
    }
}
