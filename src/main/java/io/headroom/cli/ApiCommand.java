package io.headroom.cli;

import io.headroom.domain.Figures;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.proxy.ApiHeadroom;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom api}: API rate-limit headroom from the calls the proxy recorded. */
@Command(name = "api", mixinStandardHelpOptions = true, description = "API headroom per key and model class: the last minute's requests and tokens "
        + "against the RPM/ITPM/OTPM limits the API reported, the implied tier, cache hit rate, 429/529 counts "
        + "and retry-after times (from calls recorded by the proxy).")
final class ApiCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportFirst importFirst;

    @Option(names = {"-j", "--json"}, description = "Print JSON.")
    boolean json;

    @Option(names = "--window", paramLabel = "MINUTES",
            description = "Span for cache, error and retry-after figures (default: ${DEFAULT-VALUE}).")
    long windowMinutes = 60;

    @Option(names = "--at", paramLabel = "INSTANT", hidden = true, description = "Evaluate at this instant (tests).")
    Instant at;

    @Override
    public Integer call() throws Exception {
        importFirst.run(root, spec.commandLine().getErr());
        Instant now = at != null ? at : Instant.now();
        Duration window = Duration.ofMinutes(Math.max(1, windowMinutes));
        List<ApiHeadroom.Row> rows = root.workspace().api().headroom(now, window);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(toJson(rows, now, window)));
        } else if (rows.isEmpty()) {
            out.println("No API calls recorded by the proxy in the last " + window.toMinutes() + " minutes. Run "
                    + "`headroom proxy` and set ANTHROPIC_BASE_URL=http://127.0.0.1:8787.");
        } else {
            printHuman(rows, window, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(List<ApiHeadroom.Row> rows, Instant now, Duration window) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("at", now.toString());
        root.put("windowMinutes", window.toMinutes());
        ArrayNode keys = root.putArray("keys");
        for (ApiHeadroom.Row r : rows) {
            ObjectNode n = keys.addObject();
            n.put("keyFingerprint", r.keyFingerprint());
            n.put("modelClass", r.modelClass());
            ObjectNode minute = n.putObject("lastMinute");
            limit(minute.putObject("requests"), r.requests(), r.rpmLimit(), r);
            limit(minute.putObject("inputTokens"), r.inputTokens(), r.itpmLimit(), r);
            limit(minute.putObject("outputTokens"), r.outputTokens(), r.otpmLimit(), r);
            n.put("tier", r.tier());
            n.put("calls", r.windowCalls());
            n.put("cacheHitRate", r.cacheHitRate());
            if (Double.isFinite(r.itpmMultiplier())) {
                n.put("itpmMultiplier", r.itpmMultiplier());
            } else {
                n.putNull("itpmMultiplier");
            }
            n.put("count429", r.count429());
            n.put("count529", r.count529());
            n.put("rate429", r.rate429());
            n.put("rate529", r.rate529());
            ObjectNode ra = n.putObject("retryAfterSeconds");
            ra.put("count", r.retryAfterSeconds().size());
            putNullable(ra, "min", ApiHeadroom.quantile(r.retryAfterSeconds(), 0));
            putNullable(ra, "p50", ApiHeadroom.quantile(r.retryAfterSeconds(), 0.5));
            putNullable(ra, "p90", ApiHeadroom.quantile(r.retryAfterSeconds(), 0.9));
            putNullable(ra, "max", ApiHeadroom.quantile(r.retryAfterSeconds(), 1));
        }
        return root;
    }

    private static void limit(ObjectNode n, long used, Long limit, ApiHeadroom.Row r) {
        n.put("used", used);
        if (limit == null) {
            n.putNull("limit");
            n.putNull("percent");
        } else {
            n.put("limit", limit);
            n.put("percent", r.percent(used, limit));
        }
    }

    private static void putNullable(ObjectNode n, String field, Double v) {
        if (v == null) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }

    static void printHuman(List<ApiHeadroom.Row> rows, Duration window, PrintWriter out) {
        out.println("Last minute against the limits the API reported (ITPM counts input + cache writes, not cache "
                + "reads):");
        TextTable t = new TextTable(List.of("Key", "Model", "Tier", "Requests/RPM", "Input/ITPM", "Output/OTPM"), 3);
        for (ApiHeadroom.Row r : rows) {
            t.row(List.of(r.keyFingerprint(), r.modelClass(), r.tier() == null ? "-" : r.tier(),
                    used(r.requests(), r.rpmLimit(), r), used(r.inputTokens(), r.itpmLimit(), r),
                    used(r.outputTokens(), r.otpmLimit(), r)));
        }
        t.print(out);
        out.println("Last " + window.toMinutes() + " minutes:");
        TextTable e = new TextTable(List.of("Key", "Model", "Calls", "Cache hit", "ITPM x", "429", "529",
                "Retry-after s (min/p50/p90/max)"), 2);
        for (ApiHeadroom.Row r : rows) {
            List<Double> ra = r.retryAfterSeconds();
            e.row(List.of(r.keyFingerprint(), r.modelClass(), Long.toString(r.windowCalls()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * r.cacheHitRate()),
                    Double.isFinite(r.itpmMultiplier()) ? String.format(Locale.ROOT, "%.2f", r.itpmMultiplier()) : "-",
                    String.format(Locale.ROOT, "%d (%.1f%%)", r.count429(), 100 * r.rate429()),
                    String.format(Locale.ROOT, "%d (%.1f%%)", r.count529(), 100 * r.rate529()),
                    ra.isEmpty() ? "-" : String.format(Locale.ROOT, "%s/%s/%s/%s", num(ApiHeadroom.quantile(ra, 0)),
                            num(ApiHeadroom.quantile(ra, 0.5)), num(ApiHeadroom.quantile(ra, 0.9)),
                            num(ApiHeadroom.quantile(ra, 1)))));
        }
        e.print(out);
    }

    private static String used(long used, Long limit, ApiHeadroom.Row r) {
        if (limit == null) {
            return Figures.tokens(used) + " / ?";
        }
        return String.format(Locale.ROOT, "%s / %s (%.0f%%)", Figures.tokens(used), Figures.tokens(limit),
                r.percent(used, limit));
    }

    private static String num(Double d) {
        return d == Math.rint(d) ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.1f", d);
    }
}
