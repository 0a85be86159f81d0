package io.headroom.cli;

import io.headroom.service.UsageReports;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;

/** Options shared by daily, weekly, monthly and session. */
final class ReportOptions {

    @Option(names = "--since", paramLabel = "DATE", description = "First day to include (YYYYMMDD or YYYY-MM-DD).")
    String since;

    @Option(names = "--until", paramLabel = "DATE", description = "Last day to include (YYYYMMDD or YYYY-MM-DD).")
    String until;

    @Option(names = {"-z", "--timezone"}, paramLabel = "ZONE",
            description = "IANA time zone for grouping by day (default: the system zone).")
    String timezone;

    @Option(names = {"-b", "--breakdown"}, description = "Show a row per model.")
    boolean breakdown;

    @Option(names = {"-j", "--json"}, description = "Print JSON in ccusage's shape.")
    boolean json;

    ZoneId zone() {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Unknown time zone \"" + timezone
                    + "\": use an IANA name such as Europe/Berlin or America/New_York.");
        }
    }

    UsageReports.Range range() {
        LocalDate from = date("--since", since);
        LocalDate to = date("--until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("--since " + since + " is after --until " + until + ".");
        }
        return new UsageReports.Range(from, to, zone());
    }

    static LocalDate date(String option, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.matches("\\d{8}")) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE);
            }
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " \"" + text + "\" is not a date: use YYYYMMDD or YYYY-MM-DD.");
        }
    }
}
