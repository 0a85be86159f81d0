package io.headroom.cli;

import io.headroom.domain.Countdown;
import io.headroom.domain.Figures;
import io.headroom.domain.notify.Wording;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.config.Json;
import io.headroom.domain.official.ExtraUsage;
import io.headroom.domain.official.ExtraUsageReading;
import io.headroom.domain.official.OfficialAge;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.service.WindowsService;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom windows}: the current 5-hour and weekly windows, limits and forecasts. */
@Command(name = "windows", mixinStandardHelpOptions = true, description = "The current 5-hour and weekly windows: used, limit, percent, reset, "
        + "burn rate and forecast, each with its provenance and confidence.")
final class WindowsCommand implements Callable<Integer> {

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportFirst importFirst;

    @Option(names = {"-j", "--json"}, description = "Print JSON.")
    boolean json;

    @Option(names = "--now", paramLabel = "ISO", hidden = true, description = "Evaluate at this instant (tests).")
    Instant now;

    @Override
    public Integer call() throws Exception {
        importFirst.run(root, spec.commandLine().getErr());
        Instant at = now != null ? now : Instant.now();
        WindowsService.Snapshot s = root.workspace().windows().current(at);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writeValueAsString(toJson(s)));
        } else {
            printHuman(s, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(WindowsService.Snapshot s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Instant now = s.result().now();
        root.put("now", now.toString());
        root.put("zone", s.zone().getId());
        root.put("plan", s.plan() == null ? null : s.plan().id());
        root.put("planCatalogAsOf", s.catalog().asOf().toString());
        root.put("costUnit", "API-equivalent USD");
        root.set("fiveHour", status(s.result().fiveHour(), now, s.zone()));
        root.set("weekly", status(s.result().weekly(), now, s.zone()));
        ArrayNode models = root.putArray("weeklyByModel");
        s.result().weeklyByModel().forEach(m -> models.add(status(m, now, s.zone())));
        root.set("extraUsage", extraUsage(s.extraUsage(), now));
        ArrayNode others = root.putArray("otherLimits");
        for (io.headroom.domain.UtilizationSample o : s.otherLimits()) {
            ObjectNode n = others.addObject();
            n.put("kind", o.window().code());
            n.put("scope", o.model());
            n.put("usedPercent", o.usedPercent());
            n.put("resetsAt", o.resetsAt() == null ? null : o.resetsAt().toString());
            n.put("source", o.source().code());
            n.put("observedAt", o.observedAt().toString());
            n.put("stale", OfficialAge.stale(o.observedAt(), now));
        }
        return root;
    }

    static ObjectNode status(WindowStatus st, Instant now, ZoneId zone) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("kind", st.kind().code());
        Window w = st.window();
        n.put("active", w != null);
        n.put("start", w == null ? null : w.start().toString());
        n.put("resetsAt", w == null || w.end() == null ? null : w.end().toString());
        n.put("resetsAtLocal", w == null || w.end() == null ? null : ZonedDateTime.ofInstant(w.end(), zone).toString());
        if (w == null || w.end() == null) {
            n.putNull("secondsToReset");
        } else {
            n.put("secondsToReset", Duration.between(now, w.end()).toSeconds());
        }
        n.put("windowProvenance", w == null ? null : w.provenance().code());
        n.put("estimated", w == null || w.estimated());
        Measures m = st.used();
        ObjectNode used = n.putObject("used");
        used.put("tokens", m.tokens());
        used.put("tokensWithCacheReads", m.tokensWithCacheReads());
        used.put("costUsd", round(m.costUsd()));
        used.put("prompts", m.prompts());
        used.put("activeMinutes", m.activeMinutes());
        used.put("provenance", "measured");
        n.put("state", w == null ? "idle" : st.limitReached() != null ? "limit_reached" : "running");
        n.put("usedPercent", st.usedPercent() == null ? null : round(st.usedPercent()));
        n.put("percentProvenance", st.percentProvenance() == null ? null : st.percentProvenance().code());
        // Where the official reading behind the percent came from and how fresh it is.
        n.put("source", st.official() == null ? null : st.official().source().code());
        n.put("observedAt", st.official() == null ? null : st.official().observedAt().toString());
        if (st.official() != null) {
            n.put("stale", OfficialAge.stale(st.official().observedAt(), now));
        } else {
            n.putNull("stale");
        }
        if (st.official() != null) {
            ObjectNode o = n.putObject("official");
            o.put("percent", st.official().usedPercent());
            o.put("observedAt", st.official().observedAt().toString());
            o.put("source", st.official().source().code());
            o.put("provenance", st.official().provenance().code());
        } else {
            n.putNull("official");
        }
        if (st.limitReached() != null) {
            ObjectNode reached = n.putObject("limitReached");
            reached.put("at", st.limitReached().at().toString());
            reached.put("evidence", st.limitReached().evidence().code());
            reached.put("evidenceLabel", st.limitReached().evidenceLabel());
            reached.put("usageRecorded", !st.reachedWithoutUsage());
        } else {
            n.putNull("limitReached");
        }
        // The limit the used figure is usedPercent of (null when nothing is measured at a non-zero percent).
        n.set("limit", st.limit() == null ? null : limit(st.limit()));
        ArrayNode evidence = n.putArray("limitEvidence");
        st.evidence().forEach(e -> evidence.add(limit(e)));
        Forecast f = st.forecast();
        ObjectNode fc = n.putObject("forecast");
        fc.put("state", f.state().name().toLowerCase(Locale.ROOT));
        fc.put("costPerHour", f.costPerHour() == null ? null : round(f.costPerHour()));
        fc.put("tokensPerMinute", f.tokensPerMinute() == null ? null : round(f.tokensPerMinute()));
        fc.put("pace", f.pace() == null ? null : round(f.pace()));
        fc.put("limitAt", f.limitAt() == null ? null : f.limitAt().toString());
        fc.put("limitAtEarliest", f.earliest() == null ? null : f.earliest().toString());
        fc.put("limitAtLatest", f.latest() == null ? null : f.latest().toString());
        fc.put("note", f.note());
        return n;
    }

    /** " · from Claude Code 3 min ago" after an official percent; " (stale)" past 15 minutes. */
    private static String origin(WindowStatus st, Instant now) {
        if (st.percentProvenance() != io.headroom.domain.Provenance.OFFICIAL || st.official() == null) {
            return "";
        }
        Instant at = st.official().observedAt();
        return " " + OfficialAge.from(st.official().source()) + " " + OfficialAge.ago(at, now)
                + (OfficialAge.stale(at, now) ? " (stale)" : "");
    }

    /** Extra usage in US dollars (null where the answer gave another currency), or null when none was read. */
    static ObjectNode extraUsage(ExtraUsageReading r, Instant now) {
        if (r == null) {
            return null;
        }
        ExtraUsage e = r.extraUsage();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("usedUsd", e.usedUsd());
        n.put("limitUsd", e.limitUsd());
        n.put("currency", e.used() != null ? e.used().currency()
                : e.monthlyLimit() != null ? e.monthlyLimit().currency() : null);
        n.put("enabled", e.enabled());
        n.put("limitReached", e.limitReached());
        n.put("source", r.source().code());
        n.put("observedAt", r.observedAt().toString());
        n.put("stale", OfficialAge.stale(r.observedAt(), now));
        return n;
    }

    private static ObjectNode limit(LimitEstimate l) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("valueUsd", round(l.value()));
        n.put("method", l.method().name().toLowerCase(Locale.ROOT));
        n.put("methodDescription", l.method().description());
        n.put("samples", l.samples());
        n.put("confidence", l.confidence().name().toLowerCase(Locale.ROOT));
        n.put("relativeError", round(l.relativeError()));
        n.put("detail", l.detail());
        return n;
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    static void printHuman(WindowsService.Snapshot s, PrintWriter out) {
        Instant now = s.result().now();
        out.println("Plan: " + (s.plan() == null ? "not set (headroom settings --plan pro|max5|max20)" : s.plan().name())
                + " · catalog as of " + s.catalog().asOf() + " · times in " + s.zone().getId()
                + " · costs are API-equivalent");
        print("5-hour window", s.result().fiveHour(), now, s.zone(), out);
        print("Weekly window", s.result().weekly(), now, s.zone(), out);
        for (WindowStatus m : s.result().weeklyByModel()) {
            if (m.used().costUsd() > 0 || m.official() != null) {
                print("Weekly " + (m.kind().code().endsWith("opus") ? "Opus" : "Sonnet"), m, now, s.zone(), out);
            }
        }
        for (io.headroom.domain.UtilizationSample o : s.otherLimits()) {
            out.println((o.window() == io.headroom.domain.LimitWindow.WEEKLY_SCOPED ? "Weekly " : "Limit ") + o.model()
                    + ": " + String.format(Locale.ROOT, "%.1f%%", o.usedPercent())
                    + (o.resetsAt() == null ? "" : ", resets " + Wording.clock(o.resetsAt(), now, s.zone()))
                    + " [official · " + OfficialAge.from(o.source()) + " · " + OfficialAge.ago(o.observedAt(), now)
                    + (OfficialAge.stale(o.observedAt(), now) ? " · stale" : "") + "]");
        }
        if (s.extraUsage() != null && s.extraUsage().extraUsage().sentence() != null) {
            out.println(s.extraUsage().extraUsage().sentence());
        }
    }

    private static void print(String title, WindowStatus st, Instant now, ZoneId zone, PrintWriter out) {
        Window w = st.window();
        if (w == null) {
            out.println(title + ": none running (the next message starts one)");
            return;
        }
        String bounds = HM.format(w.start().atZone(zone)) + " – "
                + (w.end() == null ? "reset unknown (set it: headroom settings --weekly-reset)" : HM.format(w.end().atZone(zone))
                        + ", resets in " + Countdown.of(Duration.between(now, w.end())));
        out.println(title + ": " + bounds + " [" + (w.estimated() ? "estimated" : w.provenance().code()) + "]");
        Measures m = st.used();
        if (st.limitReached() != null) {
            out.println("  Limit reached · " + (w.end() == null ? "reset time unknown"
                    : "resets " + Wording.clock(w.end(), now, zone)) + " · " + st.limitReached().evidenceLabel()
                    + (st.reachedWithoutUsage() ? " · no usage recorded here" : ""));
        }
        if (!st.reachedWithoutUsage()) {
            out.println("  used " + Figures.usd(m.costUsd()) + (st.usedPercent() == null ? ""
                    : String.format(Locale.ROOT, " = %.1f%% (%s)", st.usedPercent(), st.percentProvenance().code()))
                    + origin(st, now)
                    + " · " + Figures.tokens(m.tokens()) + " tokens excl. cache reads ("
                    + Figures.tokens(m.tokensWithCacheReads()) + " incl.) · " + m.prompts() + " prompts · "
                    + m.activeMinutes() + " active min");
        }
        LimitEstimate l = st.limit();
        if (l != null) {
            out.println("  limit " + Figures.usd(l.value()) + " from " + l.method().description() + ", " + l.samples()
                    + " sample(s), " + l.confidence().name().toLowerCase(Locale.ROOT) + " confidence");
        } else if (st.usedPercent() != null && st.usedPercent() > 0) {
            out.println("  limit not shown: the percent comes from a reading or limit hit with no usage recorded here");
        } else {
            out.println("  limit unknown (no official data, limit hits or plan yet)");
        }
        Forecast f = st.forecast();
        StringBuilder b = new StringBuilder("  ");
        if (f.costPerHour() != null) {
            b.append(String.format(Locale.ROOT, "burn %s/h, %,.0f tok/min · ", Figures.usd(f.costPerHour()),
                    f.tokensPerMinute()));
        }
        if (f.pace() != null) {
            b.append(String.format(Locale.ROOT, "pace %+.0f pts · ", f.pace()));
        }
        switch (f.state()) {
            case WILL_HIT -> b.append("limit at ").append(HM.format(f.limitAt().atZone(zone)))
                    .append(f.earliest() == null ? "" : " (from " + HM.format(f.earliest().atZone(zone))
                            + (f.latest() == null ? " to after the reset" : " to " + HM.format(f.latest().atZone(zone))) + ")");
            case WITHIN_LIMIT -> b.append("within the limit until the reset")
                    .append(f.earliest() == null ? "" : " (at a faster pace: " + HM.format(f.earliest().atZone(zone)) + ")");
            case LIMIT_REACHED -> {
                // said once already, on the "Limit reached · resets …" line above
            }
            case NOT_ENOUGH_DATA -> b.append("not enough data: ").append(f.note());
        }
        String line = b.toString().replaceFirst(" · $", "");
        if (!line.isBlank()) {
            out.println(line);
        }
    }
}
