package io.headroom.testing;

import io.headroom.domain.ErrorCategory;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.UsageEvent;
import io.headroom.domain.UsageSource;
import io.headroom.service.Workspace;
import io.headroom.store.EventBatch;
import io.headroom.store.EventStore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The advisor's reference history in a real store: four weeks from Monday 2 November 2026 (UTC),
 * weekdays 09:00-17:00 at 1.5 cents a minute; on Tuesdays 09:00-12:00 at 3 cents a minute, then
 * the 5-hour limit until 14:00, then back to work at 14:00. On Pro that is 2 blocked hours a
 * week and a learned 5-hour limit of $5.40. Evaluate at {@link #NOW} with the zone set to UTC.
 * The costs are what prices.json charges for the tokens (Sonnet 4.6 output at $15 per million),
 * so an import that reprices the store changes nothing.
 */
public final class AdvisorHistory {

    public static final LocalDate START = LocalDate.of(2026, 11, 2);
    public static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    public static final String HOSTILE_PROJECT = "<script>alert(1)</script> & \"quotes\" 'single'";
    public static final String HOSTILE_MODEL = "=HYPERLINK(\"x\")<i>sonnet</i>";

    private AdvisorHistory() {
    }

    public static void write(Workspace ws) {
        List<UsageEvent> usage = new ArrayList<>();
        List<ErrorEvent> errors = new ArrayList<>();
        int n = 0;
        for (LocalDate d = START; d.isBefore(START.plusDays(28)); d = d.plusDays(1)) {
            if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            boolean tuesday = d.getDayOfWeek() == DayOfWeek.TUESDAY;
            for (int minute = 9 * 60; minute < 17 * 60; minute++) {
                if (tuesday && minute >= 12 * 60 && minute < 14 * 60) {
                    continue;
                }
                double cost = tuesday && minute < 12 * 60 ? 0.03 : 0.015;
                String model = n == 0 ? HOSTILE_MODEL : "claude-sonnet-4-6";
                Instant at = d.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(minute * 60L);
                usage.add(new UsageEvent("k" + n, UsageSource.CLAUDE_CODE_LOG, Provenance.MEASURED, at, model,
                        new TokenCounts(0, Math.round(cost / 15e-6), 0, 0, 0), 0, 0, Speed.STANDARD, cost, "claude-sonnet-4-6", false,
                        "/home/dev/project", "s" + d, "m" + n, "r" + n, false, false));
                n++;
            }
            if (tuesday) {
                Instant hit = d.atTime(12, 0).toInstant(ZoneOffset.UTC);
                errors.add(new ErrorEvent("e" + d, UsageSource.CLAUDE_CODE_LOG, hit, ErrorCategory.USAGE_LIMIT,
                        "usage_limit", null, LimitWindow.FIVE_HOUR, d.atTime(14, 0).toInstant(ZoneOffset.UTC),
                        "limit reached", HOSTILE_PROJECT, "s" + d, null));
            }
        }
        new EventStore(ws.database()).writeNow(new EventBatch(usage, errors, List.of(), List.of(), null));
    }
}
