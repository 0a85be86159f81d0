package io.headroom.cli;

import io.headroom.domain.manual.ManualEntry;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UsageSource;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.manual.HumanTime;
import io.headroom.service.ManualLog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom log ...}: claude.ai usage logged by hand (the browser and desktop app leave no local record). */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Log claude.ai use by hand: messages, limit hits and the percentages claude.ai shows.",
        subcommands = {LogCommand.Message.class, LogCommand.LimitHit.class, LogCommand.Utilization.class,
            LogCommand.ListEntries.class, LogCommand.Delete.class})
final class LogCommand implements Runnable {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--now", paramLabel = "ISO", hidden = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Pretend it is this instant (tests).")
    Instant now;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    ZonedDateTime now() {
        ZoneId zone = root.workspace().settings().zone();
        return (now != null ? now : Instant.now()).atZone(zone);
    }

    ManualLog manual() {
        return new ManualLog(root.workspace());
    }

    String shown(Instant t) {
        return SHOWN.format(t.atZone(now().getZone()));
    }

    @Command(name = "message", description = "Log messages you sent on claude.ai (default: one, now).")
    static final class Message implements Callable<Integer> {
        @ParentCommand
        LogCommand log;

        @Option(names = "--count", defaultValue = "1", description = "How many messages (default 1).")
        int count;

        @Option(names = "--model", description = "The model, e.g. opus or sonnet.")
        String model;

        @Option(names = "--at", description = "When: now, 14:30, 2pm, \"20m ago\", \"yesterday 9pm\", ISO.")
        String at;

        @Override
        public Integer call() {
            if (count < 1 || count > 10_000) {
                throw new IllegalArgumentException("--count must be between 1 and 10000");
            }
            Instant t = at == null ? log.now().toInstant() : HumanTime.parse(at, log.now(), HumanTime.Direction.PAST);
            String id = log.manual().message(t, count, model);
            log.print(id + ": " + count + " message(s) at " + log.shown(t));
            return 0;
        }
    }

    @Command(name = "limit-hit", description = "Log that claude.ai said you hit a limit, with the reset it showed.")
    static final class LimitHit implements Callable<Integer> {
        @ParentCommand
        LogCommand log;

        @Option(names = "--resets", required = true, description = "The reset shown: \"6pm\", \"in 2h 14m\", \"Mon 9am\", ISO.")
        String resets;

        @Option(names = "--window", description = "five-hour, weekly, opus or sonnet (default: five-hour if the reset is "
                + "within 5 hours, else weekly).")
        String window;

        @Option(names = "--at", description = "When it happened (default now).")
        String at;

        @Override
        public Integer call() {
            ZonedDateTime now = log.now();
            Instant t = at == null ? now.toInstant() : HumanTime.parse(at, now, HumanTime.Direction.PAST);
            Instant reset = HumanTime.parse(resets, t.atZone(now.getZone()), HumanTime.Direction.FUTURE);
            if (!reset.isAfter(t)) {
                throw new IllegalArgumentException("the reset " + log.shown(reset) + " is not after the hit");
            }
            LimitWindow w = window == null ? LimitWindow.ofLoggedHit(t, reset) : window(window);
            String id = log.manual().limitHit(t, w, reset);
            log.print(id + ": " + w.code() + " limit hit at " + log.shown(t) + ", resets " + log.shown(reset));
            return 0;
        }
    }

    @Command(name = "utilization", description = "Log the percentages claude.ai shows in Settings > Usage.")
    static final class Utilization implements Callable<Integer> {
        @ParentCommand
        LogCommand log;

        @Option(names = "--five-hour", description = "Current session (5-hour) percent used.")
        Double fiveHour;

        @Option(names = "--five-hour-resets", description = "When the session resets, if shown.")
        String fiveHourResets;

        @Option(names = "--weekly", description = "Weekly (all models) percent used.")
        Double weekly;

        @Option(names = "--weekly-resets", description = "When the week resets, if shown.")
        String weeklyResets;

        @Option(names = "--opus", description = "Weekly Opus percent used.")
        Double opus;

        @Option(names = "--sonnet", description = "Weekly Sonnet percent used.")
        Double sonnet;

        @Option(names = "--at", description = "When you read them (default now).")
        String at;

        @Override
        public Integer call() {
            ZonedDateTime now = log.now();
            Instant t = at == null ? now.toInstant() : HumanTime.parse(at, now, HumanTime.Direction.PAST);
            ZonedDateTime seen = t.atZone(now.getZone());
            Instant fiveReset = fiveHourResets == null ? null : HumanTime.parse(fiveHourResets, seen, HumanTime.Direction.FUTURE);
            Instant weekReset = weeklyResets == null ? null : HumanTime.parse(weeklyResets, seen, HumanTime.Direction.FUTURE);
            List<UtilizationSample> samples = new ArrayList<>();
            add(samples, t, LimitWindow.FIVE_HOUR, fiveHour, fiveReset);
            add(samples, t, LimitWindow.WEEKLY, weekly, weekReset);
            add(samples, t, LimitWindow.WEEKLY_OPUS, opus, weekReset);
            add(samples, t, LimitWindow.WEEKLY_SONNET, sonnet, weekReset);
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("give at least one of --five-hour, --weekly, --opus, --sonnet");
            }
            List<String> ids = log.manual().utilization(samples);
            for (int i = 0; i < ids.size(); i++) {
                UtilizationSample s = samples.get(i);
                log.print(ids.get(i) + ": " + s.window().code() + " " + s.usedPercent() + "% at " + log.shown(t));
            }
            return 0;
        }

        private static void add(List<UtilizationSample> out, Instant t, LimitWindow w, Double pct, Instant reset) {
            if (pct == null) {
                return;
            }
            if (!(pct >= 0 && pct <= 1000)) {
                throw new IllegalArgumentException("a percentage is between 0 and 100 (a little more when over the limit): "
                        + pct);
            }
            out.add(new UtilizationSample(null, UsageSource.MANUAL, Provenance.MANUAL, t, w, pct, reset, null, null, null));
        }
    }

    @Command(name = "list", description = "List what you logged by hand, with the ids `log delete` takes.")
    static final class ListEntries implements Callable<Integer> {
        @ParentCommand
        LogCommand log;

        @Option(names = "--days", defaultValue = "30", description = "How far back (default 30 days).")
        int days;

        @Override
        public Integer call() {
            List<ManualEntry> entries = log.manual().since(log.now().toInstant().minus(Duration.ofDays(days)));
            if (entries.isEmpty()) {
                log.print("Nothing logged by hand in the last " + days + " days.");
            }
            for (ManualEntry e : entries) {
                log.print(String.format(Locale.ROOT, "%-6s %-16s %-11s %s", e.id(), log.shown(e.at()), e.kind(), e.detail()));
            }
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete one logged entry by its id (see `log list`).")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        LogCommand log;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            if (!log.manual().delete(id)) {
                throw new IllegalArgumentException("no entry logged by hand has the id " + id + " (see `headroom log list`)");
            }
            log.print("Deleted " + id + ".");
            return 0;
        }
    }

    static LimitWindow window(String text) {
        return switch (text.toLowerCase(Locale.ROOT).replace("_", "-")) {
            case "five-hour", "5h", "session" -> LimitWindow.FIVE_HOUR;
            case "weekly", "week", "7d" -> LimitWindow.WEEKLY;
            case "opus" -> LimitWindow.WEEKLY_OPUS;
            case "sonnet" -> LimitWindow.WEEKLY_SONNET;
            default -> throw new IllegalArgumentException("unknown window \"" + text + "\"; use five-hour, weekly, opus or sonnet");
        };
    }

    void print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
