package io.headroom.domain.advisor;

import io.headroom.config.PlanCatalogLoader;
import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.UsageSource;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.windows.Activity;
import io.headroom.domain.windows.ModelFamily;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Histories built minute by minute, so every figure in the scenarios can be computed by hand. */
final class AdvisorFixtures {

    static final ZoneId UTC = ZoneOffset.UTC;
    /** A Monday; the period is the four weeks from it. */
    static final LocalDate START = LocalDate.of(2026, 11, 2);
    static final Instant FROM = START.atStartOfDay(UTC).toInstant();
    static final Instant TO = START.plusDays(28).atStartOfDay(UTC).toInstant();

    static PlanCatalog catalog() {
        return PlanCatalogLoader.load(null).catalog();
    }

    final List<Activity> activities = new ArrayList<>();
    final List<ErrorEvent> hits = new ArrayList<>();

    /** One activity a minute in [fromHour:00, toHour:00) on that day, each costing {@code perMinute}. */
    AdvisorFixtures work(LocalDate day, int fromHour, int toHour, double perMinute, ModelFamily family) {
        Instant t = day.atTime(fromHour, 0).toInstant(ZoneOffset.UTC);
        Instant end = day.atTime(toHour, 0).toInstant(ZoneOffset.UTC);
        for (; t.isBefore(end); t = t.plusSeconds(60)) {
            activities.add(new Activity(t, family, 1000, 0, perMinute, 0));
        }
        return this;
    }

    AdvisorFixtures hit(Instant at, Instant reset, LimitWindow window) {
        hits.add(new ErrorEvent("h" + hits.size(), UsageSource.CLAUDE_CODE_LOG, at, ErrorCategory.USAGE_LIMIT, "rate_limit",
                null, window, reset, "limit", "p", "s", null));
        return this;
    }

    static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    AdvisorInputs inputs(String plan) {
        return new AdvisorInputs(FROM, TO, UTC, activities, hits, List.of(), AdvisorInputs.UsageStats.none(), catalog(),
                plan, false);
    }
}
