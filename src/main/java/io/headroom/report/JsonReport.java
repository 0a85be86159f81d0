package io.headroom.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.advisor.Advisor;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.BlockedInterval;
import io.headroom.domain.advisor.Demand;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.domain.advisor.Replay;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import java.util.Locale;

/** Everything the advisor knows, as JSON; {@code advise --json} prints the same object. */
public final class JsonReport {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonReport() {
    }

    public static ObjectNode toJson(AdvisorReport report) {
        AdvisorResult r = report.result();
        Replay replay = r.replay();
        ObjectNode root = F.objectNode();
        root.put("recommendation", r.recommendation());
        root.put("optimiseFirst", r.optimiseFirst());
        root.put("currentPlan", r.currentPlanId());
        root.put("hourlyValueUsd", r.hourlyValueUsd());
        root.put("hourlyValueAssumed", r.hourlyValueAssumed());
        root.put("hourlyValueSource", report.hourlyValueSource().code());
        root.put("weeksPerMonth", round(Advisor.WEEKS_PER_MONTH));
        root.put("weeksPerMonthRule", "365.25 / 12 / 7");
        root.put("costUnit", "API-equivalent USD");
        root.put("generatedAt", report.generatedAt().toString());
        root.put("zone", report.zone().getId());
        ObjectNode period = root.putObject("period");
        period.put("from", replay.inputs().from().toString());
        period.put("to", replay.inputs().to().toString());
        period.put("weeks", round(replay.inputs().weeks()));
        root.put("planCatalogAsOf", replay.inputs().catalog().asOf().toString());
        root.put("priceTableAsOf", report.pricesAsOf() == null ? null : report.pricesAsOf().toString());
        ArrayNode sentences = root.putArray("explanation");
        r.sentences().forEach(sentences::add);
        ObjectNode confidence = root.putObject("confidence");
        confidence.put("level", r.confidence().level());
        confidence.put("reason", r.confidence().reason());
        confidence.put("activeDays", replay.activeDays());
        confidence.put("officialSamples", replay.officialSamples());
        confidence.put("limitHitsSeen", replay.limitHitsSeen());
        ArrayNode options = root.putArray("options");
        for (AdvisorResult.Option o : r.options()) {
            OptionReplay x = o.replay();
            ObjectNode n = options.addObject();
            n.put("id", x.id());
            n.put("name", x.name());
            n.put("kind", x.kind().name().toLowerCase(Locale.ROOT));
            n.put("usageMultiple", x.multiple());
            n.put("priceUsdMonthly", round(x.priceUsdMonthly()));
            n.put("apiSpendUsdMonthly", round(x.apiSpendUsdMonthly()));
            n.put("depositUsd", x.depositUsd());
            n.put("limitHitsPerWeek", round(x.limitHitsPerWeek()));
            n.put("blockedHoursPerWeek", round(x.blockedHoursPerWeek()));
            n.put("limitTaxUsdMonthly", round(o.limitTaxUsdMonthly()));
            n.put("totalUsdMonthly", round(o.totalUsdMonthly()));
            n.put("breakEvenHourlyUsd", o.breakEvenHourlyUsd() == null ? null : round(o.breakEvenHourlyUsd()));
            n.put("breakEven", o.breakEven());
            n.put("feasible", x.feasible());
            n.put("note", x.note());
            n.put("recommended", x.id().equals(r.recommendation()));
        }
        ArrayNode sensitivity = root.putArray("sensitivity");
        for (AdvisorResult.Sensitivity s : r.sensitivity()) {
            ObjectNode n = sensitivity.addObject();
            n.put("fromHourlyUsd", round(s.fromUsd()));
            n.put("toHourlyUsd", s.toUsd() == null ? null : round(s.toUsd()));
            n.put("recommendation", s.optionId());
        }
        ArrayNode advice = root.putArray("optimisations");
        for (Replay.Optimisation o : replay.optimisations()) {
            ObjectNode n = advice.addObject();
            n.put("id", o.id());
            n.put("finding", o.finding());
            n.put("action", o.action());
            n.put("estimatedSaving", round(o.saving()));
            n.put("blockedHoursPerWeekAfter", round(o.blockedHoursPerWeekAfter()));
        }
        ObjectNode basis = root.putObject("limits");
        basis.put("fiveHourUsdPerPro", round(replay.basis().fiveHourUsdPerUnit()));
        basis.put("weeklyUsdPerPro", round(replay.basis().weeklyUsdPerUnit()));
        basis.put("fiveHourMethod", replay.basis().fiveHourMethod());
        basis.put("weeklyMethod", replay.basis().weeklyMethod());
        ObjectNode hours = root.putObject("workingHours");
        hours.put("usual", replay.workingHours().describe());
        hours.put("hoursPerWeek", replay.workingHours().hoursPerWeek());
        root.put("observedBlockedHoursPerWeek", round(replay.observedBlockedHoursPerWeek()));
        ArrayNode hits = root.putArray("limitHits");
        for (BlockedInterval b : replay.blocked()) {
            ObjectNode n = hits.addObject();
            n.put("hitAt", b.hitAt().toString());
            n.put("resetAt", b.resetAt().toString());
            n.put("window", b.weekly() ? "weekly" : "five_hour");
            n.put("source", b.source());
            n.put("project", b.project());
            n.put("resumedWithinAnHour", b.resumed());
            n.put("blockedHours", round(b.blockedHours()));
        }
        ArrayNode windows = root.putArray("windows");
        for (Demand.Window w : replay.windows()) {
            ObjectNode n = windows.addObject();
            n.put("start", w.start().toString());
            n.put("end", w.end().toString());
            n.put("costUsd", round(w.costUsd()));
            n.put("activeHours", round(w.activeHours()));
            n.put("blockedHours", round(w.blockedHours()));
            n.put("opusShare", round(w.opusShare()));
        }
        ArrayNode daily = root.putArray("daily");
        for (PeriodUsage d : report.daily()) {
            ObjectNode n = daily.addObject();
            n.put("date", d.period());
            n.put("costUsd", round(d.cost()));
            n.put("totalTokens", d.tokens().total());
            ArrayNode models = n.putArray("models");
            for (ModelUsage m : d.models()) {
                ObjectNode mn = models.addObject();
                mn.put("model", m.model());
                mn.put("inputTokens", m.tokens().input());
                mn.put("outputTokens", m.tokens().output());
                mn.put("cacheWriteTokens", m.tokens().cacheCreation());
                mn.put("cacheReadTokens", m.tokens().cacheRead());
                mn.put("costUsd", round(m.cost()));
            }
        }
        ArrayNode method = root.putArray("method");
        r.method().forEach(method::add);
        return root;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
