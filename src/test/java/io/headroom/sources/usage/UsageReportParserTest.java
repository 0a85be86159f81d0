package io.headroom.sources.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.Money;
import io.headroom.domain.official.UsageReading;
import io.headroom.domain.official.UsageReading.Origin;
import io.headroom.domain.official.UsageReport;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageReportParserTest {

    private static final Instant FETCHED = Instant.parse("2026-07-25T06:12:34.567Z");

    private static UsageReport parse(String json) throws UsageReportException {
        return UsageReportParser.parse(json, UsageSource.OAUTH_USAGE, FETCHED);
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = UsageReportParserTest.class.getResourceAsStream("/fixtures/usage/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheReferenceExampleExactly() throws Exception {
        UsageReport report = parse(fixture("reference-example.json"));

        assertThat(report.samples()).containsExactly(
                new UtilizationSample("oauth_usage:five_hour:" + FETCHED.toEpochMilli(), UsageSource.OAUTH_USAGE,
                        Provenance.OFFICIAL, FETCHED, LimitWindow.FIVE_HOUR, 25.0,
                        Instant.parse("2026-01-28T15:00:00Z"), null, null, null),
                new UtilizationSample("oauth_usage:weekly:" + FETCHED.toEpochMilli(), UsageSource.OAUTH_USAGE,
                        Provenance.OFFICIAL, FETCHED, LimitWindow.WEEKLY, 40.0,
                        Instant.parse("2026-02-01T00:00:00Z"), null, null, null),
                new UtilizationSample("oauth_usage:weekly_opus:opus:" + FETCHED.toEpochMilli(),
                        UsageSource.OAUTH_USAGE, Provenance.OFFICIAL, FETCHED, LimitWindow.WEEKLY_OPUS, 0.0, null,
                        null, null, "opus"));
        assertThat(report.extraUsage()).isEqualTo(
                new ExtraUsage(true, new Money(500, 2, "USD"), new Money(10000, 2, "USD"), null));
        assertThat(report.extraUsage().usedUsd()).isEqualByComparingTo("5.00");
        assertThat(report.extraUsage().limitUsd()).isEqualByComparingTo("100.00");
        assertThat(report.problems()).isEmpty();
        assertThat(report.unknownKeys()).isEmpty();
        assertThat(report.source()).isEqualTo(UsageSource.OAUTH_USAGE);
        assertThat(report.observedAt()).isEqualTo(FETCHED);
    }

    @Test
    void limitsArrayIsThePrimarySourceAndScopedLimitsBecomeTheModelsWeeklyWindow() throws Exception {
        UsageReport report = parse(fixture("limits-newer.json"));

        assertThat(report.readings()).containsExactly(
                new UsageReading("session", LimitWindow.FIVE_HOUR, null, 13.4,
                        Instant.parse("2026-07-25T07:50:00.152795Z"), "normal", true, "default", Origin.LIMITS),
                new UsageReading("weekly_all", LimitWindow.WEEKLY, null, 47.2,
                        Instant.parse("2026-07-28T21:00:00.000412Z"), "normal", true, "default", Origin.LIMITS),
                new UsageReading("weekly_scoped", LimitWindow.WEEKLY_OPUS, "Opus 4.8", 81.25,
                        Instant.parse("2026-07-29T01:15:30.5Z"), "warning", true, "opus", Origin.LIMITS),
                new UsageReading("weekly_scoped", LimitWindow.WEEKLY_SONNET, "Sonnet 4.6", 0.0, null, "normal",
                        false, "sonnet", Origin.LIMITS),
                // not in limits[], so the top-level key is kept, under the scope it names
                new UsageReading("seven_day_cowork", LimitWindow.WEEKLY_SCOPED, "cowork", 3.5,
                        Instant.parse("2026-07-28T21:00:00Z"), null, null, null, Origin.KEY));
        List<UtilizationSample> samples = report.samples();
        assertThat(samples).extracting(UtilizationSample::window, UtilizationSample::usedPercent,
                UtilizationSample::status, UtilizationSample::model)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.FIVE_HOUR, 13.4, "allowed", null),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY, 47.2, "allowed", null),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_OPUS, 81.25, "allowed_warning",
                                "Opus 4.8"),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SONNET, 0.0, "allowed", "Sonnet 4.6"),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SCOPED, 3.5, null, "cowork"));
        assertThat(samples).extracting(UtilizationSample::dedupKey).doesNotHaveDuplicates()
                .contains("oauth_usage:weekly_opus:Opus 4.8:" + FETCHED.toEpochMilli());
        assertThat(report.extraUsage()).isEqualTo(
                new ExtraUsage(false, new Money(0, 2, "USD"), null, false));
        assertThat(report.extraUsage().limitUsd()).isNull();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void microsecondTimestampsAndOffsetsAreExact() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": 5, "resets_at": "2026-07-25T07:50:00.152795+00:00"},
                 "seven_day": {"utilization": 6, "resets_at": "2026-07-28T23:59:59.999999-05:30"}}
                """);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).resetsAt())
                .isEqualTo(Instant.ofEpochSecond(Instant.parse("2026-07-25T07:50:00Z").getEpochSecond(), 152_795_000));
        assertThat(report.reading(LimitWindow.WEEKLY).resetsAt())
                .isEqualTo(Instant.parse("2026-07-29T05:29:59.999999Z"));
    }

    @Test
    void percentIsAlwaysPercentNeverAFraction() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": 0.5, "resets_at": "2026-07-25T07:50:00Z"},
                 "seven_day": {"utilization": 130, "resets_at": "2026-07-28T21:00:00Z"},
                 "seven_day_opus": {"utilization": 1, "resets_at": "2026-07-28T21:00:00Z"},
                 "seven_day_sonnet": {"utilization": 46.0, "resets_at": "2026-07-28T21:00:00Z"}}
                """);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).usedPercent()).isEqualTo(0.5);
        assertThat(report.reading(LimitWindow.WEEKLY).usedPercent()).isEqualTo(130.0);
        assertThat(report.reading(LimitWindow.WEEKLY_OPUS).usedPercent()).isEqualTo(1.0);
        assertThat(report.reading(LimitWindow.WEEKLY_SONNET).usedPercent()).isEqualTo(46.0);
    }

    @Test
    void limitsPercentOverAHundredStays() throws Exception {
        UsageReport report = parse("""
                {"limits": [{"kind": "session", "percent": 130, "resets_at": "2026-07-25T07:50:00Z"},
                            {"kind": "weekly_all", "percent": 0.5, "resets_at": null}]}
                """);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).usedPercent()).isEqualTo(130.0);
        assertThat(report.reading(LimitWindow.WEEKLY).usedPercent()).isEqualTo(0.5);
        assertThat(report.reading(LimitWindow.WEEKLY).resetsAt()).isNull();
    }

    @Test
    void nullObjectsAndNullFiguresGiveNoReadingButNoProblem() throws Exception {
        UsageReport report = parse("""
                {"five_hour": null, "seven_day": {"utilization": null, "resets_at": null},
                 "seven_day_opus": null, "seven_day_sonnet": null, "extra_usage": null, "spend": null,
                 "limits": null}
                """);
        assertThat(report.readings()).isEmpty();
        assertThat(report.extraUsage()).isNull();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void unknownKeysAreKeptNotDropped() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": 10, "resets_at": null},
                 "seven_day_fable": {"utilization": 22.5, "resets_at": "2026-07-28T21:00:00Z"},
                 "iguana_necktie": {"utilization": 7, "resets_at": null},
                 "brand_new_flag": true,
                 "limits": [{"kind": "monthly_mystery", "percent": 9, "resets_at": null,
                             "scope": {"model": {"display_name": "Haiku 5"}}},
                            {"kind": "weekly_scoped", "percent": 15, "resets_at": null,
                             "scope": {"model": {"display_name": "Haiku 5"}}}]}
                """);
        assertThat(report.readings()).extracting(UsageReading::key, UsageReading::window, UsageReading::scope,
                UsageReading::usedPercent).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("monthly_mystery", LimitWindow.OTHER,
                                "monthly_mystery Haiku 5", 9.0),
                        org.assertj.core.groups.Tuple.tuple("weekly_scoped", LimitWindow.WEEKLY_SCOPED, "Haiku 5",
                                15.0),
                        org.assertj.core.groups.Tuple.tuple("five_hour", LimitWindow.FIVE_HOUR, null, 10.0),
                        org.assertj.core.groups.Tuple.tuple("seven_day_fable", LimitWindow.WEEKLY_SCOPED, "fable",
                                22.5),
                        org.assertj.core.groups.Tuple.tuple("iguana_necktie", LimitWindow.OTHER, "iguana_necktie",
                                7.0));
        assertThat(report.unknownKeys()).containsExactly("brand_new_flag");
        assertThat(report.samples()).extracting(UtilizationSample::dedupKey).doesNotHaveDuplicates();
    }

    @Test
    void spendAloneGivesExtraUsageInItsExponent() throws Exception {
        UsageReport report = parse("""
                {"five_hour": null,
                 "spend": {"used": {"amount_minor": 1234, "currency": "USD", "exponent": 2},
                           "limit": {"amount_minor": 5000000, "currency": "USD", "exponent": 4},
                           "balance": null, "percent": 24.68, "enabled": true, "spend_limit_reached": false}}
                """);
        ExtraUsage extra = report.extraUsage();
        assertThat(extra).isEqualTo(new ExtraUsage(true, new Money(1234, 2, "USD"), new Money(5000000, 4, "USD"),
                false));
        assertThat(extra.usedUsd()).isEqualTo(new BigDecimal("12.34"));
        assertThat(extra.limitUsd()).isEqualByComparingTo("500");
    }

    @Test
    void anotherCurrencyIsNotPassedOffAsDollars() throws Exception {
        UsageReport report = parse("""
                {"extra_usage": {"is_enabled": true, "used_credits": 250, "monthly_limit": 2000, "currency": "EUR"}}
                """);
        assertThat(report.extraUsage().used().major()).isEqualByComparingTo("2.50");
        assertThat(report.extraUsage().usedUsd()).isNull();
        assertThat(report.extraUsage().limitUsd()).isNull();
    }

    @Test
    void malformedPartsAreSkippedAndNamedTheRestIsKept() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": "lots", "resets_at": "2026-07-25T07:50:00Z"},
                 "seven_day": {"utilization": 40, "resets_at": "next tuesday"},
                 "seven_day_opus": [1, 2],
                 "seven_day_sonnet": {"utilization": -3, "resets_at": null},
                 "limits": [42, {"percent": 5}, {"kind": "session", "severity": "normal"}],
                 "extra_usage": {"is_enabled": true, "used_credits": "five", "monthly_limit": 100, "currency": "USD"}}
                """);
        assertThat(report.readings()).containsExactly(new UsageReading("seven_day", LimitWindow.WEEKLY, null, 40.0,
                null, null, null, null, Origin.KEY));
        assertThat(report.extraUsage()).isEqualTo(new ExtraUsage(true, null, new Money(100, 2, "USD"), null));
        assertThat(report.problems()).containsExactly(
                "limits[0] is a number, not a limit; skipped.",
                "limits[1] has no kind; skipped.",
                "limits[2] (session) has no percent; skipped.",
                "five_hour has a percent that is not a number; skipped.",
                "seven_day has a reset time that is not a date; the figure is kept without it.",
                "seven_day_opus is a list, not a usage figure; skipped.",
                "seven_day_sonnet has an impossible percent (-3.0); skipped.",
                "extra_usage.used_credits is not a number; skipped.");
    }

    @Test
    void aTimestampWithoutOffsetIsUtcAndEpochSecondsAreAccepted() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": 1, "resets_at": "2026-07-25T07:50:00.5"},
                 "seven_day": {"utilization": 2, "resets_at": 1785283200}}
                """);
        assertThat(report.reading(LimitWindow.FIVE_HOUR).resetsAt()).isEqualTo(Instant.parse("2026-07-25T07:50:00.5Z"));
        assertThat(report.reading(LimitWindow.WEEKLY).resetsAt()).isEqualTo(Instant.ofEpochSecond(1785283200));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "null", "not json at all", "{\"five_hour\": ", "[1,2,3]", "\"text\"", "42", "{}", "{\"hello\": 1}",
        "{\"error\": {\"type\": \"rate_limit_error\", \"message\": \"slow down\"}}",
        "<html><body>502 Bad Gateway</body></html>"})
    void garbageIsAClearErrorNotACrash(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(UsageReportException.class)
                .message().startsWith("The usage answer").doesNotContain("Exception").doesNotContain("slow down");
    }

    @Test
    void errorMessagesSayWhatWasWrong() {
        assertThatThrownBy(() -> parse("{\"error\": {\"type\": \"rate_limit_error\"}}"))
                .hasMessage("The usage answer is an error (rate_limit_error), not usage figures.");
        assertThatThrownBy(() -> parse("[1]")).hasMessage("The usage answer is not a JSON object but a list.");
        assertThatThrownBy(() -> parse("{}")).hasMessage("The usage answer carries no usage figures.");
        assertThatThrownBy(() -> parse("{\"a\": ")).hasMessageStartingWith("The usage answer is not JSON (at line 1");
    }

    @Test
    void theSameAnswerFetchedAtTheSameTimeGivesTheSameDedupKeys() throws Exception {
        String json = fixture("limits-newer.json");
        UsageReport a = UsageReportParser.parse(json, UsageSource.CLAUDE_CODE_CACHE, FETCHED);
        UsageReport b = UsageReportParser.parse(json, UsageSource.CLAUDE_CODE_CACHE, FETCHED);
        UsageReport later = UsageReportParser.parse(json, UsageSource.CLAUDE_CODE_CACHE, FETCHED.plusSeconds(60));
        assertThat(b.samples()).isEqualTo(a.samples());
        assertThat(a.samples()).allMatch(s -> s.source() == UsageSource.CLAUDE_CODE_CACHE
                && s.dedupKey().startsWith("claude_code_cache:"));
        assertThat(later.samples()).extracting(UtilizationSample::dedupKey)
                .doesNotContainAnyElementsOf(a.samples().stream().map(UtilizationSample::dedupKey).toList());
    }

    @Test
    void nearbyShapesAreReadToo() throws Exception {
        UsageReport report = parse("""
                {"limits": [{"kind": "five_hour", "percent": 11, "resets_at": "2026-07-25 07:50:00.5+00:00"},
                            {"kind": "weekly", "percent": 22, "resets_at": "2026-07-28T21:00:00+0000"},
                            {"kind": "weekly_scoped", "percent": 33, "resets_at": "2026-07-28T23:00:00+0200",
                             "scope": {"model": "Opus 4.8"}},
                            {"kind": "weekly_scoped", "percent": 44, "resets_at": null,
                             "scope": {"model": {"name": "Sonnet 4.6"}}}]}
                """);
        assertThat(report.readings()).extracting(UsageReading::window, UsageReading::scope, UsageReading::usedPercent,
                UsageReading::resetsAt).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.FIVE_HOUR, null, 11.0,
                                Instant.parse("2026-07-25T07:50:00.5Z")),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY, null, 22.0,
                                Instant.parse("2026-07-28T21:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_OPUS, "Opus 4.8", 33.0,
                                Instant.parse("2026-07-28T21:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SONNET, "Sonnet 4.6", 44.0, null));
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void aKeyFigureFillsOnlyTheWindowsLimitsDoesNotGive() throws Exception {
        UsageReport report = parse("""
                {"five_hour": {"utilization": 10, "resets_at": null},
                 "seven_day": {"utilization": 20, "resets_at": null},
                 "seven_day_opus": {"utilization": 30, "resets_at": null},
                 "seven_day_sonnet": {"utilization": 40, "resets_at": null},
                 "limits": [{"kind": "weekly_all", "percent": 21, "resets_at": null},
                            {"kind": "weekly_scoped", "percent": 31, "resets_at": null,
                             "scope": {"model": {"display_name": "Claude Opus 4.8"}}}]}
                """);
        assertThat(report.readings()).extracting(UsageReading::window, UsageReading::usedPercent, UsageReading::origin)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY, 21.0, Origin.LIMITS),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_OPUS, 31.0, Origin.LIMITS),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.FIVE_HOUR, 10.0, Origin.KEY),
                        org.assertj.core.groups.Tuple.tuple(LimitWindow.WEEKLY_SONNET, 40.0, Origin.KEY));
    }
}
