package io.headroom.ui.sessions;

import io.headroom.domain.manual.ManualEntry;
import io.headroom.service.ManualLog;
import io.headroom.service.UsageReports;
import io.headroom.service.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the Sessions tab shows and writes, in plain Java: the rows of both tables, the messages
 * after a write and which field a bad value belongs to. Loads and writes touch the store, so the
 * controller calls them on the views' thread and only binds the answers.
 */
public final class SessionsViewModel {

    /** How far back the list goes. */
    static final Duration LISTED = Duration.ofDays(90);
    /** Claude Code sessions listed: of the last 30 local days, at most 200. */
    static final int CODE_DAYS = 30;
    static final int CODE_ROWS = 200;
    public static final String ANY_MODEL = "Any model";
    public static final List<String> MODEL_CHOICES = List.of(ANY_MODEL, "Opus", "Sonnet", "Haiku");
    private static final Map<String, String> MODELS = Map.of("Opus", "opus", "Sonnet", "sonnet", "Haiku", "haiku");

    /** One row of the hand-logged list, with its texts in the user's zone. */
    public record Row(ManualEntry entry, String when, String kind, String detail, String whenText, String valueText) {
    }

    /** One Claude Code session as the second table shows it. */
    public record CodeRow(String last, String project, String models, String tokens, String cost) {
    }

    /** What one load brings: the intro naming the zone, the hand-logged rows and the Claude Code sessions. */
    public record Loaded(String intro, List<Row> rows, List<CodeRow> code) {
    }

    /** What a write came to: done with a message to show, or the field that is wrong and why. */
    public record Outcome(String done, ManualLog.Field field, String error) {
        static Outcome done(String message) {
            return new Outcome(message, null, null);
        }

        public boolean invalid() {
            return done == null;
        }
    }

    private final Workspace workspace;
    private final ManualLog log;

    public SessionsViewModel(Workspace workspace) {
        this.workspace = workspace;
        this.log = new ManualLog(workspace);
    }

    /** Reads both lists, most recent first (off the FX thread). */
    public Loaded load(Instant now) {
        List<Row> rows = log.recent(now, LISTED).stream()
                .sorted((a, b) -> b.at().compareTo(a.at()))
                .map(e -> new Row(e, log.shown(e.at()), kindName(e.kind()), log.describe(e), log.whenText(e), log.valueText(e)))
                .toList();
        String intro = "Log what you use on claude.ai (the browser and desktop app keep no record Headroom can read)."
                + " Times are in " + log.zone().getId() + ".";
        return new Loaded(intro, rows, codeSessions(now));
    }

    private List<CodeRow> codeSessions(Instant now) {
        ZoneId zone = log.zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        return workspace.reports().sessions(new UsageReports.Range(today.minusDays(CODE_DAYS - 1), today, zone)).stream()
                .sorted((a, b) -> b.lastActivity().compareTo(a.lastActivity()))
                .limit(CODE_ROWS)
                .map(s -> new CodeRow(log.shown(s.lastActivity()), s.project() == null ? "—" : s.project(),
                        String.join(", ", s.modelNames().stream().map(SessionsViewModel::shortModel).toList()),
                        String.format(Locale.ROOT, "%,d", s.tokens().total()),
                        String.format(Locale.ROOT, "$%,.2f", s.cost())))
                .toList();
    }

    static String shortModel(String model) {
        return model.startsWith("claude-") ? model.substring("claude-".length()).replaceFirst("-\\d{8}$", "") : model;
    }

    static String kindName(String kind) {
        return switch (kind) {
            case "message" -> "Message";
            case "limit-hit" -> "Limit hit";
            default -> "Utilization";
        };
    }

    /** One message of the chosen model ({@link #ANY_MODEL} or null for none named). */
    public Outcome logMessage(String choice, Instant now) {
        String model = choice == null ? null : MODELS.get(choice);
        return attempt(() -> {
            log.message(now, 1, model);
            return "Logged 1 message" + (model == null ? "" : " (" + model + ")") + " at " + log.shown(now) + ".";
        });
    }

    /** A limit hit now, with the reset the user read (its field is the only one that can be wrong). */
    public Outcome logLimitHit(String resets, Instant now) {
        return attempt(() -> {
            String id = log.limitHit(now, resets);
            ManualEntry e = log.recent(now, Duration.ofMinutes(1)).stream().filter(x -> x.id().equals(id))
                    .findFirst().orElseThrow();
            return "Logged a limit hit: " + log.describe(e) + ".";
        });
    }

    /** The percentages claude.ai showed; either may be blank. */
    public Outcome logUtilization(String fiveHour, String weekly, Instant now) {
        return attempt(() -> {
            int n = log.utilization(now, fiveHour, weekly).size();
            return "Logged " + (n == 1 ? "the percentage" : "both percentages") + " seen at " + log.shown(now) + ".";
        });
    }

    public Outcome delete(Row row) {
        return attempt(() -> {
            if (!log.delete(row.entry().id())) {
                throw new ManualLog.InvalidInput(ManualLog.Field.WHEN, "That entry was already gone.");
            }
            return "Deleted the " + lower(row.kind()) + " of " + row.when() + ".";
        });
    }

    public Outcome edit(Row row, String when, String value, Instant now) {
        return attempt(() -> {
            log.edit(row.entry(), when, value, now);
            return "Saved the " + lower(row.kind()) + ".";
        });
    }

    private static Outcome attempt(Callable<String> write) {
        try {
            return Outcome.done(write.call());
        } catch (ManualLog.InvalidInput e) {
            return new Outcome(null, e.field(), e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Which of the two percentage fields a utilization error marks. */
    public static boolean marksWeekly(Outcome outcome) {
        return outcome.field() == ManualLog.Field.WEEKLY;
    }

    /** Which of the edit fields an edit error marks: the time, else the value. */
    public static boolean marksWhen(Outcome outcome) {
        return outcome.field() == ManualLog.Field.WHEN;
    }

    public static String saveFailed(String message) {
        return "Could not save: " + message;
    }

    public static String confirmDeleteText(Row row) {
        return "Delete " + lower(row.kind()) + " \"" + row.detail() + "\" of " + row.when() + "?";
    }

    public static String editTitle(Row row) {
        return "Edit the " + lower(row.kind()) + " of " + row.when();
    }

    public static String editValueLabel(Row row) {
        return switch (row.entry().kind()) {
            case "message" -> "Messages";
            case "limit-hit" -> "Resets";
            default -> "Percent (" + ManualLog.windowName(row.entry().window()) + ")";
        };
    }

    /** The row to select again after a reload: the one with the same entry, if it is still listed. */
    public static Row reselect(List<Row> rows, Row selected) {
        if (selected == null) {
            return null;
        }
        return rows.stream().filter(r -> r.entry().id().equals(selected.entry().id())).findFirst().orElse(null);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
