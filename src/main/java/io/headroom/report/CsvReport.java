package io.headroom.report;

import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import java.util.Locale;

/**
 * The what-if table and the daily usage as two CSV files (RFC 4180: CRLF, fields with commas,
 * quotes or line breaks quoted, quotes doubled). Text that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
 */
public final class CsvReport {

    private CsvReport() {
    }

    /** report.csv's daily companion: report-daily.csv beside it. */
    public static String dailyFileName(String whatIfFileName) {
        int dot = whatIfFileName.lastIndexOf('.');
        return dot > 0 ? whatIfFileName.substring(0, dot) + "-daily" + whatIfFileName.substring(dot)
                : whatIfFileName + "-daily.csv";
    }

    public static String whatIf(AdvisorReport report) {
        AdvisorResult r = report.result();
        StringBuilder b = new StringBuilder();
        row(b, "option", "name", "kind", "price_usd_month", "api_spend_usd_month", "limit_hits_per_week",
                "blocked_hours_per_week", "limit_tax_usd_month", "total_usd_month", "break_even_usd_per_hour", "break_even",
                "feasible", "recommended", "note", "hourly_value_usd", "weeks_per_month", "hourly_value_source");
        for (AdvisorResult.Option o : r.options()) {
            OptionReplay x = o.replay();
            row(b, text(x.id()), text(x.name()), x.kind().name().toLowerCase(Locale.ROOT), num(x.priceUsdMonthly()),
                    num(x.apiSpendUsdMonthly()), num(x.limitHitsPerWeek()), num(x.blockedHoursPerWeek()),
                    num(o.limitTaxUsdMonthly()), num(o.totalUsdMonthly()),
                    o.breakEvenHourlyUsd() == null ? "" : num(o.breakEvenHourlyUsd()), text(o.breakEven()),
                    String.valueOf(x.feasible()), String.valueOf(x.id().equals(r.recommendation())), text(x.note()),
                    num(r.hourlyValueUsd()), num(io.headroom.domain.advisor.Advisor.WEEKS_PER_MONTH),
                    report.hourlyValueSource().code());
        }
        return b.toString();
    }

    public static String daily(AdvisorReport report) {
        StringBuilder b = new StringBuilder();
        row(b, "date", "model", "input_tokens", "output_tokens", "cache_write_tokens", "cache_read_tokens", "cost_usd");
        for (PeriodUsage d : report.daily()) {
            for (ModelUsage m : d.models()) {
                row(b, text(d.period()), text(m.model()), String.valueOf(m.tokens().input()),
                        String.valueOf(m.tokens().output()), String.valueOf(m.tokens().cacheCreation()),
                        String.valueOf(m.tokens().cacheRead()), num(m.cost()));
            }
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : ",").append(quote(cells[i]));
        }
        b.append("\r\n");
    }

    /** A text cell: neutralised against formula injection. Numbers never pass through here. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    static String quote(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
