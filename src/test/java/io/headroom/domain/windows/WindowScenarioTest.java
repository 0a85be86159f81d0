package io.headroom.domain.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowScenarioTest {

    static Activity use(String at, double cost) {
        return new Activity(Instant.parse(at), ModelFamily.SONNET, (long) (cost * 10_000), 1_000_000, cost, 1);
    }

    static UtilizationSample sample(String at, LimitWindow w, double pct, String resets) {
        return new UtilizationSample("k" + at + w + pct, UsageSource.STATUSLINE, Provenance.OFFICIAL, Instant.parse(at), w,
                pct, resets == null ? null : Instant.parse(resets), null, "s", "m");
    }

    static ErrorEvent hit(String at, LimitWindow w, String reset, UsageSource source) {
        return new ErrorEvent("h" + at, source, Instant.parse(at), ErrorCategory.USAGE_LIMIT, "rate_limit", 429, w,
                Instant.parse(reset), "limit", null, null, null);
    }

    static WindowEngine.Inputs inputs(String now, List<Activity> a, List<UtilizationSample> s, List<ErrorEvent> h,
            WindowBuilder.WeeklyResetSetting weekly) {
        return new WindowEngine.Inputs(Instant.parse(now), a, s, h, weekly,
                new WindowEngine.PlanDefaults("max5", 35.0, 250.0, List.of(18.0, 35.0, 140.0), "test catalog"));
    }

    @Test
    void gapLongerThanFiveHoursStartsAFreshWindowFlooredToTheHour() {
        List<Window> ws = WindowBuilder.fiveHour(List.of(Instant.parse("2026-03-01T09:40:00Z"),
                Instant.parse("2026-03-01T13:59:00Z"), Instant.parse("2026-03-01T14:10:00Z"),
                Instant.parse("2026-03-01T22:30:00Z")), List.of());
        assertThat(ws).extracting(Window::start).containsExactly(Instant.parse("2026-03-01T09:00:00Z"),
                Instant.parse("2026-03-01T14:00:00Z"), Instant.parse("2026-03-01T22:00:00Z"));
        assertThat(ws).allMatch(Window::estimated);
    }

    @Test
    void windowAfterAnotherStartsNoEarlierThanItsEnd() {
        // 14:10 is after the 09:00-14:00 window; its floor is 14:00, exactly the previous end.
        List<Window> ws = WindowBuilder.fiveHour(List.of(Instant.parse("2026-03-01T09:40:00Z"),
                Instant.parse("2026-03-01T14:10:00Z")), List.of());
        assertThat(ws.get(1).start()).isEqualTo(Instant.parse("2026-03-01T14:00:00Z"));
    }

    @Test
    void limitHitAnchorsTheWindowAndStopsTheForecast() {
        List<Activity> a = List.of(use("2026-03-01T10:05:00Z", 5), use("2026-03-01T11:00:00Z", 10),
                use("2026-03-01T12:30:00Z", 20));
        ErrorEvent h = hit("2026-03-01T12:31:00Z", LimitWindow.FIVE_HOUR, "2026-03-01T14:42:00Z", UsageSource.CLAUDE_CODE_LOG);
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T12:40:00Z", a, List.of(), List.of(h), null));
        Window w = r.fiveHour().window();
        assertThat(w.end()).isEqualTo(Instant.parse("2026-03-01T14:42:00Z"));
        assertThat(w.provenance()).isEqualTo(Provenance.LIMIT_EVENT);
        assertThat(r.fiveHour().forecast().state()).isEqualTo(Forecast.State.LIMIT_REACHED);
        assertThat(r.fiveHour().forecast().limitAt()).isNull();
        assertThat(r.fiveHour().usedPercent()).isEqualTo(100.0);
        // The usage measured at the hit is a sample of the limit.
        assertThat(r.fiveHour().evidence()).anyMatch(e -> e.method() == LimitEstimate.Method.LIMIT_HITS
                && Math.abs(e.value() - 35) < 1e-9);
    }

    @Test
    void theNewerOfAnOfficialSampleAndALimitMessageGivesTheReset() {
        List<Activity> a = List.of(use("2026-03-01T10:05:00Z", 5));
        ErrorEvent h = hit("2026-03-01T12:31:00Z", LimitWindow.FIVE_HOUR, "2026-03-01T14:59:00Z", UsageSource.CLAUDE_CODE_LOG);
        UtilizationSample s = sample("2026-03-01T12:00:00Z", LimitWindow.FIVE_HOUR, 60, "2026-03-01T15:00:00Z");
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T12:40:00Z", a, List.of(s), List.of(h), null));
        assertThat(r.fiveHour().window()).isEqualTo(new Window(Instant.parse("2026-03-01T09:59:00Z"),
                Instant.parse("2026-03-01T14:59:00Z"), Provenance.LIMIT_EVENT));
        // The older sample still belongs to that window: its 60% is a floor under the hit's 100%.
        assertThat(r.fiveHour().official()).isEqualTo(s);
        UtilizationSample later = sample("2026-03-01T12:35:00Z", LimitWindow.FIVE_HOUR, 100, "2026-03-01T15:00:00Z");
        r = WindowEngine.evaluate(inputs("2026-03-01T12:40:00Z", a, List.of(s, later), List.of(h), null));
        assertThat(r.fiveHour().window()).isEqualTo(new Window(Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T15:00:00Z"), Provenance.OFFICIAL));
    }

    @Test
    void forecastUsesRecentRateExcludingCacheReadsAndGivesARange() {
        List<Activity> a = new ArrayList<>();
        for (int m = 0; m < 60; m += 5) {
            a.add(use("2026-03-01T10:%02d:00Z".formatted(m), 1.0)); // $12/h, a million cache reads each
        }
        UtilizationSample s = sample("2026-03-01T10:55:30Z", LimitWindow.FIVE_HOUR, 40, "2026-03-01T15:00:00Z");
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T11:00:00Z", a, List.of(s), List.of(), null));
        WindowStatus st = r.fiveHour();
        assertThat(st.percentProvenance()).isEqualTo(Provenance.OFFICIAL);
        Forecast f = st.forecast();
        assertThat(f.costPerHour()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.tokensPerMinute()).isCloseTo(2000.0, org.assertj.core.data.Offset.offset(1.0));
        // $12 measured at 40% calibrates the limit to $30 (it beats the catalog's $35): 40%/h, 60% left,
        // so the limit falls about 1h30 from now, well before the 15:00 reset.
        assertThat(st.limit().method()).isEqualTo(LimitEstimate.Method.OFFICIAL_CALIBRATION);
        assertThat(st.limit().value()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.state()).isEqualTo(Forecast.State.WILL_HIT);
        assertThat(f.limitAt()).isBetween(Instant.parse("2026-03-01T12:20:00Z"), Instant.parse("2026-03-01T12:40:00Z"));
        assertThat(f.earliest()).isBeforeOrEqualTo(f.limitAt());
        assertThat(f.latest()).isAfterOrEqualTo(f.limitAt());
        // 40% used after 20% of the window: 20 points ahead of an even pace.
        assertThat(f.pace()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void tooLittleDataSaysSo() {
        List<Activity> a = List.of(use("2026-03-01T10:01:00Z", 3));
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T10:05:00Z", a, List.of(), List.of(), null));
        assertThat(r.fiveHour().forecast().state()).isEqualTo(Forecast.State.NOT_ENOUGH_DATA);
        assertThat(r.fiveHour().forecast().limitAt()).isNull();
    }

    @Test
    void staleSampleFromAnEarlierWindowIsNotCurrent() {
        List<Activity> a = List.of(use("2026-03-01T18:20:00Z", 1));
        UtilizationSample old = sample("2026-03-01T09:00:00Z", LimitWindow.FIVE_HOUR, 90, "2026-03-01T12:00:00Z");
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T18:30:00Z", a, List.of(old), List.of(), null));
        assertThat(r.fiveHour().official()).isNull();
        assertThat(r.fiveHour().window().start()).isEqualTo(Instant.parse("2026-03-01T18:00:00Z"));
    }

    @Test
    void percentThatIsReallyAnEpochIsRejected() {
        List<Activity> a = List.of(use("2026-03-01T10:20:00Z", 1));
        UtilizationSample bad = sample("2026-03-01T10:30:00Z", LimitWindow.FIVE_HOUR, 1772391600, "2026-03-01T15:00:00Z");
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T10:40:00Z", a, List.of(bad), List.of(), null));
        assertThat(r.fiveHour().official()).isNull();
        assertThat(r.fiveHour().window().estimated()).isTrue();
    }

    @Test
    void weeklyWindowFromOfficialResetElseSettingAcrossDst() {
        UtilizationSample w = sample("2026-03-05T10:00:00Z", LimitWindow.WEEKLY, 18, "2026-03-09T08:00:00Z");
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-05T11:00:00Z", List.of(), List.of(w), List.of(), null));
        assertThat(r.weekly().window()).isEqualTo(new Window(Instant.parse("2026-03-02T08:00:00Z"),
                Instant.parse("2026-03-09T08:00:00Z"), Provenance.OFFICIAL));
        assertThat(r.weekly().usedPercent()).isEqualTo(18.0);
        // Per-model windows share the weekly reset.
        assertThat(r.weeklyByModel()).allMatch(s -> s.window().end().equals(Instant.parse("2026-03-09T08:00:00Z")));

        // User setting: Monday 09:00 New York; DST starts Sunday 2026-03-08, so that week is 167 hours.
        var setting = new WindowBuilder.WeeklyResetSetting(DayOfWeek.MONDAY, LocalTime.of(9, 0),
                ZoneId.of("America/New_York"));
        Window s = WindowBuilder.weekly(Instant.parse("2026-03-05T11:00:00Z"), List.of(), setting);
        assertThat(s.end()).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(s.start()).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        assertThat(Duration.between(s.start(), s.end())).isEqualTo(Duration.ofHours(167));
        assertThat(s.provenance()).isEqualTo(Provenance.MANUAL);
        // Nothing known: last 7 days, reset unknown, never computed.
        Window unknown = WindowBuilder.weekly(Instant.parse("2026-03-05T11:00:00Z"), List.of(), null);
        assertThat(unknown.end()).isNull();
        assertThat(unknown.estimated()).isTrue();
    }

    @Test
    void windowsAreTheSameInstantsWhateverTheDisplayZone() {
        // Half-hour zone: activity at 10:40 in Kolkata (05:10Z) starts a window at 05:00Z (10:30 local).
        Instant t = java.time.ZonedDateTime.of(2026, 3, 1, 10, 40, 0, 0, ZoneId.of("Asia/Kolkata")).toInstant();
        List<Window> ws = WindowBuilder.fiveHour(List.of(t), List.of());
        assertThat(ws.get(0).start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    }

    @Test
    void mixedSourcesManualMessagesOpenWindows() {
        List<Activity> a = List.of(Activity.prompt(Instant.parse("2026-03-01T07:15:00Z"), 3),
                use("2026-03-01T08:00:00Z", 2));
        UtilizationSample manual = new UtilizationSample("m1", UsageSource.MANUAL, Provenance.MANUAL,
                Instant.parse("2026-03-01T08:30:00Z"), LimitWindow.FIVE_HOUR, 42, null, null, null, null);
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T08:40:00Z", a, List.of(manual), List.of(), null));
        assertThat(r.fiveHour().window().start()).isEqualTo(Instant.parse("2026-03-01T07:00:00Z"));
        assertThat(r.fiveHour().used().prompts()).isEqualTo(4);
        assertThat(r.fiveHour().usedPercent()).isGreaterThanOrEqualTo(42.0);
        assertThat(r.fiveHour().percentProvenance()).isEqualTo(Provenance.MANUAL);
    }

    @Test
    void proxyHeaderSampleAnchorsLikeTheStatusLine() {
        List<Activity> a = List.of(use("2026-03-01T07:15:00Z", 2));
        UtilizationSample proxy = new UtilizationSample("p1", UsageSource.PROXY, Provenance.OFFICIAL,
                Instant.parse("2026-03-01T07:20:00Z"), LimitWindow.FIVE_HOUR, 26, Instant.parse("2026-03-01T11:00:00Z"),
                "allowed", null, null);
        WindowEngine.Result r = WindowEngine.evaluate(inputs("2026-03-01T07:30:00Z", a, List.of(proxy), List.of(), null));
        assertThat(r.fiveHour().window()).isEqualTo(new Window(Instant.parse("2026-03-01T06:00:00Z"),
                Instant.parse("2026-03-01T11:00:00Z"), Provenance.OFFICIAL));
        assertThat(r.fiveHour().usedPercent()).isEqualTo(26.0);
        assertThat(r.fiveHour().official().source()).isEqualTo(UsageSource.PROXY);
    }
}
