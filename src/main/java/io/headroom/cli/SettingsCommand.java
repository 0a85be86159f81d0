package io.headroom.cli;

import io.headroom.config.Settings;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom settings}: shows or changes the plan, time zone and weekly reset. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Show or change your plan, time zone, weekly reset and the proxy's port and start-with-app "
                + "(settings.json in the data folder).")
final class SettingsCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", paramLabel = "ID", description = "free, pro, max5, max20, team-standard, team-premium (see plans.json).")
    String plan;

    @Option(names = "--zone", paramLabel = "ZONE", description = "An IANA time zone, e.g. Europe/Madrid.")
    String zone;

    @Option(names = "--weekly-reset", paramLabel = "DAY HH:MM",
            description = "When your weekly limit resets, as claude.ai shows it, e.g. \"Thu 09:00\" (in your zone).")
    String weeklyReset;

    @Option(names = "--clear-weekly-reset", description = "Forget the weekly reset.")
    boolean clearWeeklyReset;

    @Option(names = "--proxy-port", paramLabel = "PORT", description = "The recording proxy's port (default 8787).")
    Integer proxyPort;

    @Option(names = "--proxy-with-app", paramLabel = "true|false", arity = "1",
            description = "Start the recording proxy when the Headroom window opens.")
    Boolean proxyWithApp;

    @Option(names = "--hourly-value", paramLabel = "USD",
            description = "What an hour of your time is worth, for the advisor's limit tax, e.g. 75.")
    Double hourlyValue;

    @Option(names = "--claude-ai-session-key", paramLabel = "-",
            description = "Save your claude.ai session key and read claude.ai's usage: pass - and paste the key on "
                    + "standard input (kept in the system's secret store, never in shell history or settings.json).")
    String claudeAiKey;

    @Option(names = "--claude-ai", paramLabel = "on|off", description = "Switch the claude.ai usage source on or off "
            + "(off forgets the key).")
    String claudeAi;

    @Override
    public Integer call() throws Exception {
        if (claudeAiKey != null || claudeAi != null) {
            ClaudeAiFlags.apply(root.workspace().claudeAi(), claudeAiKey, claudeAi, System.in);
        }
        boolean changed = plan != null || zone != null || weeklyReset != null || clearWeeklyReset || proxyPort != null
                || proxyWithApp != null || hourlyValue != null;
        // Validated before the settings are locked, so a mistake is reported without touching the file.
        String newPlan = plan == null ? null : root.workspace().plans().catalog().plan(plan)
                .orElseThrow(() -> new IllegalArgumentException("unknown plan \"" + plan + "\"; known: "
                        + root.workspace().plans().catalog().plans().stream().map(p -> p.id()).toList()))
                .id();
        String newZone = zone != null ? ZoneId.of(zone).getId() : null;
        String[] reset = null;
        if (weeklyReset != null) {
            String[] parts = weeklyReset.strip().split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("--weekly-reset wants a weekday and a time, e.g. \"Thu 09:00\"");
            }
            reset = new String[] {Settings.day(parts[0]).name(),
                LocalTime.parse(parts[1].length() == 4 ? "0" + parts[1] : parts[1]).toString()};
        }
        String[] newReset = reset;
        // Applied to the settings as saved at that moment, under their lock: another process's change to
        // a different setting made meanwhile is kept.
        java.util.function.UnaryOperator<Settings> change = s -> {
            String day = s.weeklyResetDay();
            String time = s.weeklyResetTime();
            if (clearWeeklyReset) {
                day = null;
                time = null;
            }
            if (newReset != null) {
                day = newReset[0];
                time = newReset[1];
            }
            return s.withPlan(newPlan != null ? newPlan : s.plan())
                    .withTimeZone(newZone != null ? newZone : s.timeZone())
                    .withWeeklyReset(day, time)
                    .withProxy(proxyPort != null ? proxyPort : s.proxyPort(),
                            proxyWithApp != null ? proxyWithApp : s.proxyStartsWithApp())
                    .withHourlyValue(hourlyValue != null ? hourlyValue : s.hourlyValueUsd());
        };
        Settings updated = changed ? root.workspace().updateSettings(change) : root.workspace().settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("plan:         " + (updated.plan() == null ? "(not set)" : updated.plan()));
        out.println("time zone:    " + (updated.timeZone() == null ? "(system: " + ZoneId.systemDefault() + ")" : updated.timeZone()));
        out.println("weekly reset: " + (updated.weeklyResetDay() == null ? "(not set; taken from official data when seen)"
                : updated.weeklyResetDay() + " " + updated.weeklyResetTime()));
        out.println("proxy:        port " + updated.proxyPortOrDefault()
                + (updated.proxyStartsWithApp() ? ", starts with the app" : ", started by hand (headroom proxy)"));
        out.println("hourly value: " + (updated.hourlyValueUsd() == null ? "(not set; the advisor assumes $50/h)"
                : String.format(java.util.Locale.ROOT, "$%.2f/h", updated.hourlyValueUsd())));
        out.println("claude.ai:    " + ClaudeAiFlags.describe(root.workspace().claudeAi()));
        out.flush();
        return 0;
    }
}
