package io.headroom.sources.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.official.UsageReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The usage-answer parser over generated answers: whatever percent and reset the answer carries,
 * the reading says exactly that, in both places it can appear; arbitrary JSON never escapes as
 * anything but a UsageReportException; no key is dropped (each becomes a reading or an unknown
 * key); a window given both in limits[] and as a key is one reading; minor units are exact.
 */
class UsageReportParserPropertiesTest {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    @Property(tries = 500)
    void percentAndResetAreReadExactly(@ForAll @DoubleRange(min = 0, max = 250) double percent,
            @ForAll @LongRange(min = 1_700_000_000_000_000L, max = 2_000_000_000_000_000L) long micros,
            @ForAll @IntRange(min = -12 * 60, max = 14 * 60) int offsetMinutes, @ForAll("places") String place)
            throws UsageReportException {
        Instant reset = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        String text = MICROS.format(reset.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
        String json = place.equals("key")
                ? "{\"five_hour\": {\"utilization\": " + percent + ", \"resets_at\": \"" + text + "\"}}"
                : "{\"limits\": [{\"kind\": \"session\", \"percent\": " + percent + ", \"resets_at\": \"" + text
                        + "\"}]}";
        UsageReport report = UsageReportParser.parse(json, UsageSource.CLAUDE_AI, Instant.EPOCH);
        assertThat(report.readings()).hasSize(1);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).usedPercent()).isEqualTo(percent);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).resetsAt()).isEqualTo(reset);
        assertThat(report.problems()).isEmpty();
    }

    @Provide
    Arbitrary<String> places() {
        return Arbitraries.of("key", "limits");
    }

    /** Any JSON at all (answers from a broken gateway, a changed API): a report or one sentence, never a crash. */
    @Property(tries = 2000)
    void anyJsonGivesAReportOrASentence(@ForAll("anyJson") String body) {
        try {
            UsageReport report = UsageReportParser.parse(body, UsageSource.OAUTH_USAGE, Instant.EPOCH);
            assertThat(report.problems()).allSatisfy(p -> assertThat(p).isNotBlank().endsWith("."));
            assertThat(report.readings()).allSatisfy(r -> assertThat(r.usedPercent()).isFinite());
        } catch (UsageReportException e) {
            assertThat(e.getMessage()).isNotBlank().endsWith(".");
        }
    }

    /** Every top-level key is accounted for: a reading, an unknown key kept for display, or a named problem. */
    @Property(tries = 1000)
    void noKeyIsDropped(@ForAll("keyNames") java.util.List<String> names, @ForAll("values") java.util.List<String> values)
            throws UsageReportException {
        StringBuilder json = new StringBuilder("{\"five_hour\": {\"utilization\": 10, \"resets_at\": null}");
        java.util.Set<String> used = new java.util.LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (used.add(names.get(i))) {
                json.append(", \"").append(names.get(i)).append("\": ").append(values.get(i % values.size()));
            }
        }
        UsageReport report = UsageReportParser.parse(json.append('}').toString(), UsageSource.CLAUDE_AI, Instant.EPOCH);

        for (String key : used) {
            boolean reading = report.readings().stream().anyMatch(r -> r.key().equals(key));
            boolean unknown = report.unknownKeys().contains(key);
            boolean problem = report.problems().stream().anyMatch(p -> p.startsWith(key + " "));
            String value = values.get(indexOf(names, key) % values.size());
            boolean noFigure = value.equals("null") || value.contains("\"utilization\": null");
            boolean money = (key.equals("extra_usage") || key.equals("spend")) && report.extraUsage() != null;
            assertThat(reading || unknown || problem || noFigure || money).as("%s = %s in %s", key, value, report).isTrue();
        }
    }

    /** The same window in limits[] and as a top-level key is one reading, the limits[] one. */
    @Property(tries = 300)
    void aWindowGivenTwiceIsOneReading(@ForAll @DoubleRange(min = 0, max = 150) double fromLimits,
            @ForAll @DoubleRange(min = 0, max = 150) double fromKey, @ForAll("weeklyScopes") String[] model)
            throws UsageReportException {
        // the key names the family (seven_day_opus); limits[] names the model (scope.model.display_name)
        String json = "{\"seven_day_" + model[0] + "\": {\"utilization\": " + fromKey + ", \"resets_at\": null},"
                + "\"limits\": [{\"kind\": \"weekly_scoped\", \"scope\": {\"model\": {\"display_name\": \"" + model[1]
                + "\"}}, \"percent\": " + fromLimits + ", \"resets_at\": null}]}";
        UsageReport report = UsageReportParser.parse(json, UsageSource.OAUTH_USAGE, Instant.EPOCH);

        assertThat(report.readings()).as(json).hasSize(1);
        assertThat(report.readings().get(0).usedPercent()).isEqualTo(fromLimits);
        assertThat(report.readings().get(0).window().code()).contains(model[0]);
    }

    /** Extra usage is in minor units (cents): 12345 is exactly 123.45, whatever the amount. */
    @Property(tries = 500)
    void extraUsageCentsAreExact(@ForAll @LongRange(min = 0, max = 100_000_000) long usedCents,
            @ForAll @LongRange(min = 0, max = 100_000_000) long limitCents) throws UsageReportException {
        String json = "{\"extra_usage\": {\"is_enabled\": true, \"used_credits\": " + usedCents
                + ", \"monthly_limit\": " + limitCents + ", \"currency\": \"USD\"}}";
        UsageReport report = UsageReportParser.parse(json, UsageSource.OAUTH_USAGE, Instant.EPOCH);

        assertThat(report.extraUsage().used().amountMinor()).isEqualTo(usedCents);
        assertThat(report.extraUsage().monthlyLimit().amountMinor()).isEqualTo(limitCents);
        assertThat(report.extraUsage().used().exponent()).isEqualTo(2);
        assertThat(report.problems()).isEmpty();
    }

    private static int indexOf(java.util.List<String> names, String key) {
        return names.indexOf(key);
    }

    @Provide
    Arbitrary<String[]> weeklyScopes() {
        return Arbitraries.of(new String[] {"opus", "Opus 4.8"}, new String[] {"opus", "Claude Opus 4.5"},
                new String[] {"sonnet", "Sonnet 4.6"}, new String[] {"sonnet", "sonnet"});
    }

    @Provide
    Arbitrary<java.util.List<String>> keyNames() {
        Arbitrary<String> known = Arbitraries.of("seven_day", "seven_day_opus", "seven_day_sonnet", "seven_day_oauth_apps",
                "seven_day_cowork", "iguana_necktie", "extra_usage", "spend");
        Arbitrary<String> made = Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12)
                .filter(n -> !n.equals("limits") && !n.equals("five_hour"));
        return Arbitraries.oneOf(known, made).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<java.util.List<String>> values() {
        return Arbitraries.of("{\"utilization\": 12.5, \"resets_at\": \"2026-07-25T18:00:00.123456+00:00\"}",
                "{\"utilization\": null, \"resets_at\": null}", "{\"percent\": 250}", "null", "7", "\"text\"",
                "[1, 2]", "{\"something\": \"else\"}", "{\"utilization\": \"high\"}", "true",
                "{\"utilization\": 5, \"resets_at\": \"not a time\"}", "{\"utilization\": 1e400}")
                .list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> anyJson() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "false", "0", "-1", "1e308", "1e400",
                "-0.0", "99999999999999999999", "\"\"", "\"2026-07-25T18:00:00Z\"", "\"x\""),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? Double.toString(d) : "0"));
        Arbitrary<String> names = Arbitraries.of("five_hour", "seven_day", "seven_day_opus", "seven_day_x", "limits",
                "extra_usage", "spend", "utilization", "percent", "resets_at", "kind", "model", "used_credits",
                "monthly_limit", "currency", "used", "limit", "amount_minor", "error", "type", "other");
        Arbitrary<String> value = Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                Arbitraries.maps(names, inner).ofMaxSize(5).map(m -> {
                    StringBuilder o = new StringBuilder("{");
                    m.forEach((k, v) -> o.append(o.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
                    return o.append('}').toString();
                })), 4);
        return Arbitraries.oneOf(value, value.map(v -> v.substring(0, v.length() / 2)), Arbitraries.of("", " ", "{", "<html>"));
    }
}
