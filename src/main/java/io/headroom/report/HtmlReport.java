package io.headroom.report;

import io.headroom.domain.advisor.Advisor;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.BlockedInterval;
import io.headroom.domain.advisor.Demand;
import io.headroom.domain.advisor.Explanation;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.domain.advisor.Replay;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: inline CSS and SVG, no script, no font, image or link that
 * would fetch anything, so it opens offline and prints cleanly on A4 and Letter. Every string
 * that comes from the user's data (models, projects) is escaped.
 */
public final class HtmlReport {

    static final String[] PALETTE = {"#3b6fd4", "#e08a2c", "#2f9e6e", "#b5479b", "#7a6cd9", "#c9453a", "#5b8a99"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
    static final int CHART_W = 720;

    private HtmlReport() {
    }

    public static String render(AdvisorReport report) {
        AdvisorResult r = report.result();
        Replay replay = r.replay();
        ZoneId zone = report.zone();
        StringBuilder h = new StringBuilder(32_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // The page may load nothing at all: a browser refuses (and reports) any fetch, whatever slips in.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'\">\n")
                .append("<title>Headroom advisor report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        LocalDate first = LocalDate.ofInstant(replay.inputs().from(), zone);
        LocalDate last = LocalDate.ofInstant(replay.inputs().to().minusMillis(1), zone);
        h.append("<header><h1>Would another plan pay for itself?</h1>\n<p class=\"meta\">Headroom advisor report · ")
                .append(esc(first.toString())).append(" to ").append(esc(last.toString())).append(" (")
                .append(esc(zone.getId())).append(") · generated ")
                .append(esc(TIME.format(report.generatedAt().atZone(zone)))).append(" · plan catalog as of ")
                .append(esc(replay.inputs().catalog().asOf().toString()))
                .append(report.pricesAsOf() == null ? "" : " · prices as of " + esc(report.pricesAsOf().toString()))
                .append(" · costs are API-equivalent</p></header>\n");

        AdvisorResult.Option rec = r.option(r.recommendation());
        h.append("<section id=\"recommendation\"><h2>Recommendation</h2>\n<div class=\"card\">");
        h.append("<p class=\"rec\">").append(rec == null ? "No recommendation" : esc(rec.replay().name()))
                .append(r.optimiseFirst() ? " <span class=\"tag\">optimise first</span>" : "")
                .append(" <span class=\"tag conf-").append(esc(r.confidence().level())).append("\">")
                .append(esc(r.confidence().level())).append(" confidence</span></p>\n<ul>\n");
        for (String s : r.sentences()) {
            h.append("<li>").append(esc(s)).append("</li>\n");
        }
        h.append("</ul></div></section>\n");

        h.append("<section id=\"what-if\"><h2>What if</h2>\n<p>At ").append(esc(Explanation.usd(r.hourlyValueUsd())))
                .append("/h (").append(esc(report.hourlyValueSource().words())).append(")").append(String.format(Locale.ROOT,
                        "; a month is %.3f weeks (365.25 / 12 / 7).", Advisor.WEEKS_PER_MONTH)).append("</p>\n");
        h.append("<table class=\"whatif\"><thead><tr><th>Option</th><th>Price / month</th><th>Limit hits / week</th>")
                .append("<th>Blocked h / week</th><th>Limit tax / month</th><th>Total / month</th><th>Break-even</th>")
                .append("</tr></thead><tbody>\n");
        for (AdvisorResult.Option o : r.options()) {
            OptionReplay x = o.replay();
            boolean isRec = x.id().equals(r.recommendation());
            h.append("<tr").append(isRec ? " class=\"recommended\"" : x.feasible() ? "" : " class=\"muted\"").append("><td>")
                    .append(esc(x.name())).append(x.id().equals(r.currentPlanId()) ? " (current)" : "")
                    .append(isRec ? " ✓" : "").append(x.note() == null ? "" : "<br><small>" + esc(x.note()) + "</small>")
                    .append("</td><td>").append(esc(Explanation.usd(x.priceUsdMonthly())))
                    .append(x.apiSpendUsdMonthly() > 0 ? "<br><small>+ " + esc(Explanation.usd(x.apiSpendUsdMonthly()))
                            + " API</small>" : "")
                    .append(x.depositUsd() == null ? "" : "<br><small>deposit " + esc(Explanation.usd(x.depositUsd())) + "</small>")
                    .append("</td>");
            if (!x.feasible()) {
                h.append("<td colspan=\"5\">not compared</td></tr>\n");
                continue;
            }
            h.append(td(String.format(Locale.ROOT, "%.1f", x.limitHitsPerWeek())))
                    .append(td(String.format(Locale.ROOT, "%.1f", x.blockedHoursPerWeek())))
                    .append(td(Explanation.usd(o.limitTaxUsdMonthly()))).append(td(Explanation.usd(o.totalUsdMonthly())))
                    .append(td(breakEven(o))).append("</tr>\n");
        }
        h.append("</tbody></table>\n");
        if (!r.sensitivity().isEmpty()) {
            h.append("<p><b>By hourly value:</b> ");
            List<String> parts = new ArrayList<>();
            for (AdvisorResult.Sensitivity s : r.sensitivity()) {
                parts.add(esc(Explanation.usd(s.fromUsd())) + (s.toUsd() == null ? "/h and up: " : "–"
                        + esc(Explanation.usd(s.toUsd())) + "/h: ") + esc(r.option(s.optionId()).replay().name()));
            }
            h.append(String.join("; ", parts)).append(".</p>\n");
        }
        h.append("</section>\n");

        h.append("<section id=\"usage\"><h2>Usage by day and model</h2>\n");
        usageChart(h, report.daily(), first, last);
        h.append("</section>\n");

        h.append("<section id=\"windows\"><h2>Windows and limit hits</h2>\n");
        windowsChart(h, replay, r, zone);
        hitsTable(h, replay, zone);
        h.append("</section>\n");

        h.append("<section id=\"method\"><h2>Method</h2>\n<ul>\n");
        for (String m : r.method()) {
            h.append("<li>").append(esc(m)).append("</li>\n");
        }
        h.append("</ul></section>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String breakEven(AdvisorResult.Option o) {
        if (o.breakEven() == null) {
            return "";
        }
        return switch (o.breakEven()) {
            case "above" -> "worth it above " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "below" -> "saves money below " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "always" -> "always cheaper";
            case "current" -> "current plan";
            case "reference" -> "reference";
            default -> "never pays";
        };
    }

    private static String td(String text) {
        return "<td class=\"num\">" + esc(text) + "</td>";
    }

    static void usageChart(StringBuilder h, List<PeriodUsage> daily, LocalDate first, LocalDate last) {
        Map<String, String> colours = new LinkedHashMap<>();
        Map<String, PeriodUsage> byDay = new LinkedHashMap<>();
        double max = 0;
        for (PeriodUsage d : daily) {
            byDay.put(d.period(), d);
            max = Math.max(max, d.cost());
            for (ModelUsage m : d.models()) {
                colours.computeIfAbsent(m.model(), k -> PALETTE[colours.size() % PALETTE.length]);
            }
        }
        int days = (int) Duration.between(first.atStartOfDay(), last.plusDays(1).atStartOfDay()).toDays();
        int left = 48;
        int top = 10;
        int plotW = CHART_W - left - 8;
        int plotH = 180;
        double scale = niceMax(max);
        h.append("<figure><svg class=\"chart\" viewBox=\"0 0 ").append(CHART_W).append(' ').append(top + plotH + 28)
                .append("\" role=\"img\" aria-label=\"API-equivalent cost per day, stacked by model\">\n");
        axis(h, left, top, plotW, plotH, scale);
        double bw = plotW / (double) Math.max(days, 1);
        for (int i = 0; i < days; i++) {
            LocalDate d = first.plusDays(i);
            PeriodUsage u = byDay.get(d.toString());
            double y = top + plotH;
            if (u != null) {
                for (ModelUsage m : u.models()) {
                    double hgt = scale == 0 ? 0 : m.cost() / scale * plotH;
                    y -= hgt;
                    h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s %s: %s</title></rect>\n", left + i * bw + 1, y, Math.max(bw - 2, 1), hgt,
                            colours.get(m.model()), esc(d.toString()), esc(m.model()), esc(Explanation.usd(m.cost()))));
                }
            }
            if (i % 7 == 0) {
                h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"lbl\">%s</text>\n", left + i * bw,
                        top + plotH + 16, esc(DAY.format(d))));
            }
        }
        h.append("</svg>\n<figcaption>API-equivalent cost per day");
        if (colours.isEmpty()) {
            h.append(": no usage in this period");
        }
        h.append("</figcaption>\n<p class=\"legend\">");
        colours.forEach((model, colour) -> h.append("<span><i style=\"background:").append(colour).append("\"></i>")
                .append(esc(model)).append("</span> "));
        h.append("</p></figure>\n");
        if (!daily.isEmpty()) {
            h.append("<table class=\"daily\"><thead><tr><th>Day</th><th>Model</th><th>Tokens</th><th>Cost</th></tr></thead><tbody>\n");
            for (PeriodUsage d : daily) {
                for (ModelUsage m : d.models()) {
                    h.append("<tr><td>").append(esc(d.period())).append("</td><td>").append(esc(m.model())).append("</td>")
                            .append(td(String.format(Locale.ROOT, "%,d", m.tokens().total())))
                            .append(td(String.format(Locale.ROOT, "$%,.2f", m.cost()))).append("</tr>\n");
                }
            }
            h.append("</tbody></table>\n");
        }
    }

    static void windowsChart(StringBuilder h, Replay replay, AdvisorResult r, ZoneId zone) {
        Instant from = replay.inputs().from();
        Instant to = replay.inputs().to();
        double span = Duration.between(from, to).toMillis();
        double max = 0;
        for (Demand.Window w : replay.windows()) {
            max = Math.max(max, w.costUsd());
        }
        PlanCatalog.Plan current = replay.inputs().catalog().plan(replay.inputs().currentPlanId()).orElse(null);
        double multiple = current == null || current.usageMultiple() == null ? replay.basis().referenceMultiple()
                : current.usageMultiple();
        double limit = replay.basis().fiveHourUsdPerUnit() * multiple;
        max = Math.max(max, limit);
        double scale = niceMax(max);
        int left = 48;
        int top = 10;
        int plotW = CHART_W - left - 8;
        int plotH = 160;
        h.append("<figure><svg class=\"chart\" viewBox=\"0 0 ").append(CHART_W).append(' ').append(top + plotH + 28)
                .append("\" role=\"img\" aria-label=\"Cost of each 5-hour window, with limit hits\">\n");
        axis(h, left, top, plotW, plotH, scale);
        for (BlockedInterval b : replay.blocked()) {
            double x1 = left + Math.max(0, Duration.between(from, b.hitAt()).toMillis()) / span * plotW;
            double x2 = left + Math.min(span, Duration.between(from, b.resetAt()).toMillis()) / span * plotW;
            h.append(String.format(Locale.ROOT, "<rect class=\"blocked\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                    + "<title>%s limit hit %s, reset %s</title></rect>\n", x1, top, Math.max(x2 - x1, 1.5), plotH,
                    b.weekly() ? "weekly" : "5-hour", esc(TIME.format(b.hitAt().atZone(zone))),
                    esc(TIME.format(b.resetAt().atZone(zone)))));
        }
        for (Demand.Window w : replay.windows()) {
            double x1 = left + Math.max(0, Duration.between(from, w.start()).toMillis()) / span * plotW;
            double x2 = left + Math.min(span, Duration.between(from, w.end()).toMillis()) / span * plotW;
            double hgt = scale == 0 ? 0 : w.costUsd() / scale * plotH;
            h.append(String.format(Locale.ROOT, "<rect class=\"win\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                    + "<title>%s: %s</title></rect>\n", x1, top + plotH - hgt, Math.max(x2 - x1 - 0.5, 1), hgt,
                    esc(TIME.format(w.start().atZone(zone))), esc(Explanation.usd(w.costUsd()))));
        }
        if (limit > 0 && scale > 0) {
            double y = top + plotH - limit / scale * plotH;
            h.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"lbl\" x=\"%d\" y=\"%.1f\">5-hour limit %s</text>\n", left, left + plotW, y, y,
                    left + 4, y - 3, esc(Explanation.usd(limit))));
        }
        for (int i = 0; i * 7L * 86_400_000 < span; i++) {
            double x = left + i * 7L * 86_400_000 / span * plotW;
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"lbl\">%s</text>\n", x, top + plotH + 16,
                    esc(DAY.format(from.plus(Duration.ofDays(7L * i)).atZone(zone)))));
        }
        h.append("</svg>\n<figcaption>API-equivalent cost of each 5-hour window; shaded: from a limit hit to its reset; "
                + "dashed: the current plan's 5-hour limit as the advisor learned it</figcaption></figure>\n");
    }

    static void hitsTable(StringBuilder h, Replay replay, ZoneId zone) {
        if (replay.blocked().isEmpty()) {
            h.append("<p>No limit hit in this period.</p>\n");
            return;
        }
        h.append("<table class=\"hits\"><thead><tr><th>Hit</th><th>Reset</th><th>Limit</th><th>Source</th>")
                .append("<th>Project</th><th>Back within an hour</th><th>Blocked h</th></tr></thead><tbody>\n");
        for (BlockedInterval b : replay.blocked()) {
            h.append("<tr><td>").append(esc(TIME.format(b.hitAt().atZone(zone)))).append("</td><td>")
                    .append(esc(TIME.format(b.resetAt().atZone(zone)))).append("</td><td>")
                    .append(b.weekly() ? "weekly" : "5-hour").append("</td><td>").append(esc(b.source())).append("</td><td>")
                    .append(esc(b.project() == null ? "" : b.project())).append("</td><td>").append(b.resumed() ? "yes" : "no")
                    .append("</td>").append(td(String.format(Locale.ROOT, "%.1f", b.blockedHours()))).append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void axis(StringBuilder h, int left, int top, int plotW, int plotH, double scale) {
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - i * plotH / 4.0;
            h.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
                    + "<text class=\"lbl\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", left, left + plotW, y, y,
                    left - 4, y + 4, esc(Explanation.usd(scale * i / 4))));
        }
    }

    /** A round axis maximum at or above {@code v}: 1, 2 or 5 times a power of ten. */
    static double niceMax(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** Escapes text for HTML element content and attribute values alike. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }

    static final String CSS = """
            :root { color-scheme: light; }
            * { box-sizing: border-box; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
                   color: #1d2330; background: #ffffff; margin: 0 auto; padding: 24px; max-width: 190mm;
                   font-size: 14px; line-height: 1.45; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #d5dae3; padding-bottom: 4px;
                 break-after: avoid; page-break-after: avoid; }
            .meta { color: #5b6475; margin: 0; font-size: 12px; }
            .card { border: 1px solid #d5dae3; border-radius: 8px; padding: 12px 16px; background: #f6f8fb; }
            .rec { font-size: 20px; font-weight: 600; margin: 0 0 6px; }
            .tag { font-size: 11px; font-weight: 600; border-radius: 10px; padding: 2px 8px; background: #e3e8f1;
                   color: #1d2330; vertical-align: middle; }
            .conf-high { background: #d8f0e3; } .conf-medium { background: #fdf0d5; } .conf-low { background: #f9dcd9; }
            ul { padding-left: 20px; margin: 6px 0; } li { margin: 3px 0; }
            table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 8px 0;
                    break-inside: avoid; page-break-inside: avoid; }
            th, td { border-bottom: 1px solid #e3e8f1; padding: 5px 6px; text-align: left; vertical-align: top; }
            th { background: #eef1f6; font-weight: 600; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.recommended td { background: #e6f4ec; font-weight: 600; }
            tr.muted td { color: #7a8394; }
            small { font-weight: normal; color: #5b6475; }
            figure { margin: 8px 0 12px; break-inside: avoid; page-break-inside: avoid; }
            figcaption { font-size: 12px; color: #5b6475; }
            svg.chart { width: 100%; height: auto; display: block; }
            svg .grid { stroke: #e3e8f1; stroke-width: 1; }
            svg .lbl { font-size: 10px; fill: #5b6475; }
            svg .win { fill: #3b6fd4; }
            svg .blocked { fill: #c9453a; fill-opacity: 0.18; }
            svg .limit { stroke: #c9453a; stroke-dasharray: 4 3; stroke-width: 1.2; }
            .legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
            .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
            table.daily { font-size: 11.5px; break-inside: auto; page-break-inside: auto; }
            table.daily tr, table.hits tr { break-inside: avoid; page-break-inside: avoid; }
            @page { size: auto; margin: 14mm 12mm; }
            @media print {
              body { padding: 0; max-width: none; font-size: 10.5pt; }
              .card, tr.recommended td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              section { break-before: auto; }
              thead { display: table-header-group; }
            }
            """;
}
