package io.headroom.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.domain.TokenCounts;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.SessionUsage;
import io.headroom.domain.usage.UsageRollup;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Report JSON in the shapes of ccusage's {@code claude daily|weekly|monthly|session --json}, so
 * scripts written for ccusage work unchanged: {@code {"daily":[{date, inputTokens, outputTokens,
 * cacheCreationTokens, cacheReadTokens, totalTokens, totalCost, modelsUsed, modelBreakdowns}],
 * "totals":{...}}}, and likewise {@code weekly/week}, {@code monthly/month}, {@code sessions}.
 */
public final class CcusageJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private CcusageJson() {
    }

    /** @param listKey "daily", "weekly" or "monthly"; @param periodKey "date", "week" or "month" */
    public static ObjectNode periods(String listKey, String periodKey, List<PeriodUsage> periods) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray(listKey);
        for (PeriodUsage p : periods) {
            ObjectNode row = list.addObject();
            row.put(periodKey, p.period());
            tokens(row, p.tokens());
            row.put("totalCost", p.cost());
            models(row, p.modelNames(), p.models());
        }
        root.set("totals", totals(UsageRollup.total("totals", periods)));
        return root;
    }

    public static ObjectNode sessions(List<SessionUsage> sessions, ZoneId zone) {
        ObjectNode root = F.objectNode();
        ArrayNode list = root.putArray("sessions");
        TokenCounts sum = TokenCounts.ZERO;
        double cost = 0;
        DateTimeFormatter rfc3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        for (SessionUsage s : sessions) {
            ObjectNode row = list.addObject();
            row.put("sessionId", s.sessionId());
            tokens(row, s.tokens());
            row.put("totalCost", s.cost());
            row.put("firstActivity", rfc3339.format(s.firstActivity().atZone(zone)));
            row.put("lastActivity", rfc3339.format(s.lastActivity().atZone(zone)));
            models(row, s.modelNames(), s.models());
            row.put("projectPath", s.project());
            sum = sum.plus(s.tokens());
            cost += s.cost();
        }
        ObjectNode totals = root.putObject("totals");
        tokens(totals, sum);
        totals.put("totalCost", cost);
        return root;
    }

    private static ObjectNode totals(PeriodUsage total) {
        ObjectNode t = F.objectNode();
        tokens(t, total.tokens());
        t.put("totalCost", total.cost());
        return t;
    }

    private static void tokens(ObjectNode row, TokenCounts t) {
        row.put("inputTokens", t.input());
        row.put("outputTokens", t.output());
        row.put("cacheCreationTokens", t.cacheCreation());
        row.put("cacheReadTokens", t.cacheRead());
        row.put("totalTokens", t.total());
    }

    private static void models(ObjectNode row, List<String> names, List<ModelUsage> breakdown) {
        ArrayNode used = row.putArray("modelsUsed");
        names.forEach(used::add);
        ArrayNode models = row.putArray("modelBreakdowns");
        for (ModelUsage m : breakdown) {
            ObjectNode b = models.addObject();
            b.put("modelName", m.model());
            b.put("inputTokens", m.tokens().input());
            b.put("outputTokens", m.tokens().output());
            b.put("cacheCreationTokens", m.tokens().cacheCreation());
            b.put("cacheReadTokens", m.tokens().cacheRead());
            b.put("cost", m.cost());
        }
    }
}
