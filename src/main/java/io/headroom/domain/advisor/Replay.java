package io.headroom.domain.advisor;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UtilizationSample;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.windows.Activity;
import io.headroom.domain.windows.ActivityIndex;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.LimitLearner;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.ModelFamily;
import io.headroom.domain.windows.ResetAnchor;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The user's history replayed against every option: the part of the advice that does not depend
 * on the hourly value, computed once so the hourly value can change cheaply.
 *
 * <p>The replay works in hours of wanted work. In each 5-hour window the user wanted to work the
 * hours they were active plus the hours a limit blocked them. The current plan's limit is
 * calibrated on the evidence so that its replay reproduces what was measured: in a window where
 * the user hit the limit it is what they used there (the real limit is no fixed number of
 * API-equivalent dollars, so each hit says what it was that time); elsewhere it is the learned
 * limit, and never less than what they used without a hit. Other plans get these limits scaled by
 * the plans' usage multiples. A limit buys limit / cost-per-hour hours of the window's work and
 * the rest is blocked time. Max plans that switch from Opus to Sonnet part-way make the rest of
 * the window cheaper by the Opus share times (1 - Sonnet's relative cost). Weeks are replayed the
 * same way against the weekly limit, on the work the 5-hour limits let through, so no hour is
 * blocked twice.
 *
 * @param asIfDeclared for each other plan the user could be on, the options had the same history
 *     been on it (how the verdict depends on the declared plan)
 */
public record Replay(AdvisorInputs inputs, WorkingHours workingHours, List<BlockedInterval> blocked,
        List<Demand.Window> windows, List<Demand.Week> weeks, LimitBasis basis, List<OptionReplay> options,
        List<Optimisation> optimisations, int activeDays, int officialSamples, int limitHitsSeen,
        Map<String, List<OptionReplay>> asIfDeclared) {

    /**
     * The limits per unit of usage multiple (a Pro's worth) and how they were found.
     *
     * @param referencePlanId the plan whose limit was learned or assumed
     */
    public record LimitBasis(double fiveHourUsdPerUnit, double weeklyUsdPerUnit, String fiveHourMethod, String weeklyMethod,
            String referencePlanId, double referenceMultiple) {
    }

    /**
     * A way to use less per hour of work, and what it would do on the current plan.
     *
     * @param saving the estimated fraction of cost saved (rough, stated as such)
     */
    public record Optimisation(String id, String finding, String action, double saving, double blockedHoursPerWeekAfter) {
    }

    /** What the replay of one plan found, per week of the period. */
    record Outcome(double blockedHoursPerWeek, double limitHitsPerWeek) {
    }

    static final double LOW_CACHE_HIT_RATE = 0.6;
    static final double LONG_CONTEXT_TOKENS = 120_000;
    static final double HIGH_OPUS_SHARE = 0.5;
    /** Fewer active days than this are too few to tell a habit from a one-off. */
    public static final int MIN_ACTIVE_DAYS = 7;
    private static final double EPS = 1e-9;

    public static Replay of(AdvisorInputs in) {
        List<Activity> acts = in.activities().stream()
                .filter(a -> !a.at().isBefore(in.from()) && a.at().isBefore(in.to())).sorted(ActivityIndex.BY_TIME).toList();
        WorkingHours hours = WorkingHours.learn(acts, in.from(), in.to(), in.zone());
        List<BlockedInterval> blocked = BlockedTime.find(in.limitHits(), in.samples(), acts, hours, in.from(), in.to());
        ActivityIndex all = ActivityIndex.of(acts);
        ActivityIndex opus = new ActivityIndex(acts, a -> a.family() == ModelFamily.OPUS);

        List<ResetAnchor> anchors = new ArrayList<>();
        for (BlockedInterval b : blocked) {
            if (!b.weekly()) {
                anchors.add(new ResetAnchor(b.resetAt(), Provenance.LIMIT_EVENT));
            }
        }
        List<Instant> times = acts.stream().filter(a -> a.tokens() + a.cacheReadTokens() > 0 || a.prompts() > 0)
                .map(Activity::at).toList();
        List<Window> built = WindowBuilder.fiveHour(times, anchors).stream()
                .filter(w -> !w.start().isBefore(in.from().minus(WindowBuilder.FIVE_HOURS)) && w.start().isBefore(in.to()))
                .toList();
        double[] windowBlocked = new double[built.size()];
        int[] windowHits = new int[built.size()];
        for (BlockedInterval b : blocked) {
            if (!b.weekly()) {
                Window w = WindowBuilder.containing(built, b.hitAt());
                if (w != null) {
                    int i = built.indexOf(w);
                    windowBlocked[i] += b.blockedHours();
                    windowHits[i]++;
                }
            }
        }
        List<Demand.Window> windows = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            Window w = built.get(i);
            Measures m = all.measures(w.start(), w.end());
            double opusCost = opus.measures(w.start(), w.end()).costUsd();
            windows.add(new Demand.Window(w.start(), w.end(), m.costUsd(), m.activeMinutes() / 60.0, windowBlocked[i],
                    m.costUsd() > 0 ? opusCost / m.costUsd() : 0, windowHits[i], week(in, w.start()), 0));
        }

        List<Demand.Week> weeks = weeks(in, windows, blocked);

        LimitBasis basis = basis(in, built, all, blocked, windows, weeks);
        PlanCatalog.Plan current = declared(in);
        double ratio = in.stats().sonnetToOpusCostRatio();
        List<OptionReplay> options = List.of();
        List<Optimisation> optimisations = List.of();
        Map<String, List<OptionReplay>> asIf = new LinkedHashMap<>();
        if (in.currentPlanId() != null) {
            Integer sw = current == null ? null : current.opusToSonnetAtPercent();
            List<Demand.Window> cw = calibrate(windows, basis.fiveHourUsdPerUnit() * basis.referenceMultiple(), sw, ratio);
            List<Demand.Week> ck = calibrateWeeks(weeks, basis.weeklyUsdPerUnit() * basis.referenceMultiple());
            windows = cw;
            weeks = ck;
            options = options(in, cw, ck, basis.referenceMultiple());
            optimisations = optimisations(in, cw, ck, sw);
            if (current != null) {
                for (PlanCatalog.Plan p : in.catalog().plans()) {
                    if (!p.id().equals(current.id()) && p.usageMultiple() != null && p.claudeCode()) {
                        AdvisorInputs as = in.withPlan(p.id());
                        LimitBasis b = basis(as, built, all, blocked, windows, weeks);
                        List<Demand.Window> pw = calibrate(windows, b.fiveHourUsdPerUnit() * b.referenceMultiple(),
                                p.opusToSonnetAtPercent(), ratio);
                        List<Demand.Week> pk = calibrateWeeks(weeks, b.weeklyUsdPerUnit() * b.referenceMultiple());
                        asIf.put(p.id(), options(as, pw, pk, p.usageMultiple()));
                    }
                }
            }
        }
        int activeDays = (int) acts.stream().map(a -> a.at().atZone(in.zone()).toLocalDate()).distinct().count();
        int official = (int) in.samples().stream().filter(s -> s.provenance() == Provenance.OFFICIAL
                && !s.observedAt().isBefore(in.from()) && s.observedAt().isBefore(in.to())).count();
        return new Replay(in, hours, blocked, windows, weeks, basis, options, optimisations, activeDays, official,
                blocked.size(), asIf);
    }

    /** The plan the user said they are on, when the catalog knows its usage multiple. */
    static PlanCatalog.Plan declared(AdvisorInputs in) {
        return in.catalog().plan(in.currentPlanId()).filter(p -> p.usageMultiple() != null).orElse(null);
    }

    /**
     * The current plan's 5-hour limit in each window: where the user hit it, what they used there
     * (so the replay blocks exactly the measured time); elsewhere the learned limit, but never less
     * than what they used without a hit.
     *
     * @param learnedUsd the learned 5-hour limit of the current plan
     * @param switchAtPercent the current plan's Opus-to-Sonnet switch, if any
     */
    static List<Demand.Window> calibrate(List<Demand.Window> windows, double learnedUsd, Integer switchAtPercent,
            double sonnetRatio) {
        List<Demand.Window> out = new ArrayList<>(windows.size());
        for (Demand.Window w : windows) {
            if (w.costUsd() <= 0) {
                out.add(w.withLimit(learnedUsd));
                continue;
            }
            double used = w.workedHours() / hoursPerUsd(w, switchAtPercent, sonnetRatio, 1);
            out.add(w.withLimit(w.hits() > 0 ? used : Math.max(learnedUsd, used)));
        }
        return out;
    }

    /** The same for the weekly limit: a week with a weekly hit allowed what was used in it. */
    static List<Demand.Week> calibrateWeeks(List<Demand.Week> weeks, double learnedUsd) {
        List<Demand.Week> out = new ArrayList<>(weeks.size());
        for (Demand.Week k : weeks) {
            out.add(k.withLimit(k.hits() > 0 ? k.costUsd() : Math.max(learnedUsd, k.costUsd())));
        }
        return out;
    }

    /** The period's 7-day blocks: the wanted work of their 5-hour windows plus weekly blocked time at the week's rate. */
    static List<Demand.Week> weeks(AdvisorInputs in, List<Demand.Window> windows, List<BlockedInterval> blocked) {
        int weekCount = (int) Math.ceil(in.weeks() - 1e-9);
        double[] wCost = new double[weekCount];
        double[] wActive = new double[weekCount];
        double[] wDemand = new double[weekCount];
        double[] wBlocked = new double[weekCount];
        int[] wHits = new int[weekCount];
        for (Demand.Window w : windows) {
            int k = week(in, w.start());
            if (w.costUsd() > 0) {
                wCost[k] += w.costUsd();
                wActive[k] += w.workedHours();
                wDemand[k] += w.demandUsd();
            }
        }
        for (BlockedInterval b : blocked) {
            if (b.weekly()) {
                int k = week(in, b.hitAt());
                wBlocked[k] += b.blockedHours();
                wHits[k]++;
            }
        }
        List<Demand.Week> weeks = new ArrayList<>();
        for (int k = 0; k < weekCount; k++) {
            double rate = wCost[k] / Math.max(wActive[k], Demand.MIN_ACTIVE_HOURS);
            weeks.add(new Demand.Week(in.from().plus(Duration.ofDays(7L * k)), wCost[k], wActive[k], wBlocked[k],
                    wDemand[k] + wBlocked[k] * rate, wHits[k], 0));
        }

        return weeks;
    }

    static int week(AdvisorInputs in, Instant t) {
        long k = Math.floorDiv(Duration.between(in.from(), t).toMillis(), Duration.ofDays(7).toMillis());
        return (int) Math.max(0, Math.min(k, (long) Math.ceil(in.weeks() - 1e-9) - 1));
    }

    /** Hours of this window's work one dollar of limit buys on a plan with this switch; costFactor scales every cost. */
    static double hoursPerUsd(Demand.Window w, Integer switchAtPercent, double sonnetRatio, double costFactor) {
        double rate = w.rate() * costFactor;
        if (switchAtPercent != null && switchAtPercent < 100) {
            double s = switchAtPercent / 100.0;
            double cheaper = 1 - w.opusShare() * (1 - sonnetRatio);
            return s / rate + (1 - s) / (rate * cheaper);
        }
        return 1 / rate;
    }

    /**
     * Blocked hours and limit hits per week on a plan with {@code scale} times the current plan's
     * calibrated limits. A window or week counts as a hit where the wanted work went past the
     * limit, and where the user hit the limit and the plan has no more room there than it took.
     */
    static Outcome replay(List<Demand.Window> windows, List<Demand.Week> weeks, double weeksInPeriod, double scale,
            Integer switchAtPercent, double sonnetRatio, double costFactor) {
        double blocked = 0;
        int hits = 0;
        // Hours of work the 5-hour limits let through, per week. A week's overrun is counted in these
        // hours against its limit in hours at the week's own rate: converting the dollars of a dear
        // window back at the week's cheaper average made more room blocked more hours than it freed.
        double[] served = new double[weeks.size()];
        for (Demand.Window w : windows) {
            if (w.costUsd() <= 0) {
                continue;
            }
            double capacity = scale * w.limitUsd() * hoursPerUsd(w, switchAtPercent, sonnetRatio, costFactor);
            double over = w.demandHours() - capacity;
            if (over > EPS) {
                blocked += over;
                hits += Math.max(1, w.hits());
            } else if (w.hits() > 0 && over > -EPS * (1 + capacity)) {
                hits += w.hits();
            }
            if (w.week() < served.length) {
                served[w.week()] += Math.min(w.demandHours(), capacity);
            }
        }
        for (int k = 0; k < weeks.size(); k++) {
            Demand.Week week = weeks.get(k);
            if (week.costUsd() <= 0) {
                continue;
            }
            double wanted = served[k] + week.weeklyBlockedHours();
            double limit = scale * week.limitUsd() / (week.rate() * costFactor);
            double over = wanted - limit;
            if (over > EPS) {
                blocked += over;
                hits += Math.max(1, week.hits());
            } else if (week.hits() > 0 && over > -EPS * (1 + limit)) {
                hits += week.hits();
            }
        }
        return new Outcome(blocked / weeksInPeriod, hits / weeksInPeriod);
    }

    static LimitBasis basis(AdvisorInputs in, List<Window> built, ActivityIndex all, List<BlockedInterval> blocked,
            List<Demand.Window> windows, List<Demand.Week> weeks) {
        PlanCatalog catalog = in.catalog();
        PlanCatalog.Plan reference = catalog.plan(in.currentPlanId()).filter(p -> p.usageMultiple() != null)
                .orElseGet(() -> catalog.plan("pro").orElse(null));
        double multiple = reference == null || reference.usageMultiple() == null ? 1 : reference.usageMultiple();
        String refId = reference == null ? "pro" : reference.id();

        List<LimitLearner.CalibrationPoint> points = new ArrayList<>();
        List<LimitLearner.CalibrationPoint> weeklyPoints = new ArrayList<>();
        for (UtilizationSample s : in.samples()) {
            if (s.observedAt().isBefore(in.from()) || !s.observedAt().isBefore(in.to())) {
                continue;
            }
            if (s.window() == LimitWindow.FIVE_HOUR) {
                Window w = WindowBuilder.containing(built, s.observedAt());
                if (w != null) {
                    points.add(new LimitLearner.CalibrationPoint(s.usedPercent(),
                            all.measures(w.start(), s.observedAt().plusMillis(1)).costUsd()));
                }
            } else if (s.window() == LimitWindow.WEEKLY && s.resetsAt() != null) {
                weeklyPoints.add(new LimitLearner.CalibrationPoint(s.usedPercent(),
                        all.measures(s.resetsAt().minus(WindowBuilder.WEEK), s.observedAt().plusMillis(1)).costUsd()));
            }
        }
        List<Double> atHits = new ArrayList<>();
        List<Double> atWeeklyHits = new ArrayList<>();
        for (BlockedInterval b : blocked) {
            if (!b.weekly()) {
                Window w = WindowBuilder.containing(built, b.hitAt());
                if (w != null) {
                    atHits.add(all.measures(w.start(), b.hitAt().plusMillis(1)).costUsd());
                }
            } else {
                atWeeklyHits.add(all.measures(b.resetAt().minus(WindowBuilder.WEEK), b.hitAt().plusMillis(1)).costUsd());
            }
        }
        PlanCatalog.LimitDefaults d = reference == null ? null : reference.limitDefaults();
        String name = reference == null ? "Pro" : reference.name();

        double five;
        String fiveMethod;
        Optional<LimitEstimate> learned = LimitLearner.calibrate(points).or(() -> LimitLearner.fromHits(atHits));
        if (learned.isPresent()) {
            five = learned.get().value();
            fiveMethod = "learned from " + learned.get().samples() + " " + learned.get().method().description();
        } else {
            double largest = 0;
            for (Demand.Window w : windows) {
                largest = Math.max(largest, w.costUsd());
            }
            double catalogDefault = d == null || d.fiveHourUsd() == null ? 0 : d.fiveHourUsd();
            five = Math.max(catalogDefault, largest);
            fiveMethod = largest > catalogDefault
                    ? String.format(Locale.ROOT, "your largest 5-hour window without a limit hit ($%.2f), above %s's catalog default",
                            largest, name)
                    : name + "'s catalog default" + (d == null ? "" : " (" + d.source() + ")");
        }
        double weekly;
        String weeklyMethod;
        Optional<LimitEstimate> learnedWeekly = LimitLearner.calibrate(weeklyPoints).or(() -> LimitLearner.fromHits(atWeeklyHits));
        if (learnedWeekly.isPresent()) {
            weekly = learnedWeekly.get().value();
            weeklyMethod = "learned from " + learnedWeekly.get().samples() + " " + learnedWeekly.get().method().description();
        } else {
            double largest = 0;
            for (Demand.Week k : weeks) {
                largest = Math.max(largest, k.costUsd());
            }
            double catalogDefault = d == null || d.weeklyUsd() == null ? 7 * five : d.weeklyUsd();
            weekly = Math.max(Math.max(catalogDefault, largest), five);
            weeklyMethod = largest > catalogDefault
                    ? String.format(Locale.ROOT, "your largest week without a weekly limit hit ($%.2f)", largest)
                    : name + "'s catalog default";
        }
        return new LimitBasis(five / multiple, weekly / multiple, fiveMethod, weeklyMethod, refId, multiple);
    }

    /**
     * Every option replayed on the calibrated history.
     *
     * @param currentMultiple the usage multiple of the plan the calibrated limits belong to
     */
    static List<OptionReplay> options(AdvisorInputs in, List<Demand.Window> windows, List<Demand.Week> weeks,
            double currentMultiple) {
        boolean usesClaudeCode = in.claudeCodeUsed() || in.activities().stream().anyMatch(a -> a.tokens() > 0);
        double ratio = in.stats().sonnetToOpusCostRatio();
        List<OptionReplay> out = new ArrayList<>();
        for (PlanCatalog.Plan p : in.catalog().plans()) {
            double price = p.priceUsdMonthly() == null ? 0 : p.priceUsdMonthly();
            if (p.usageMultiple() == null) {
                out.add(new OptionReplay(p.id(), p.name(), OptionReplay.Kind.SUBSCRIPTION, null, price, 0, 0, 0, null, false,
                        "not compared: no published usage multiple"));
                continue;
            }
            Outcome r = replay(windows, weeks, in.weeks(), p.usageMultiple() / currentMultiple, p.opusToSonnetAtPercent(),
                    ratio, 1);
            boolean feasible = p.claudeCode() || !usesClaudeCode;
            out.add(new OptionReplay(p.id(), p.name(), OptionReplay.Kind.SUBSCRIPTION, p.usageMultiple(), price,
                    r.limitHitsPerWeek(), r.blockedHoursPerWeek(), 0, null, feasible,
                    feasible ? null : "no Claude Code on this plan"));
        }
        if (in.includeApiTiers()) {
            double demandPerWeek = 0;
            for (Demand.Week k : weeks) {
                demandPerWeek += k.demandUsd();
            }
            demandPerWeek /= in.weeks();
            double spend = demandPerWeek * Advisor.WEEKS_PER_MONTH;
            for (PlanCatalog.ApiTier t : in.catalog().apiTiers()) {
                long minutesOver = 0;
                boolean known = false;
                for (Activity a : in.activities()) {
                    PlanCatalog.RateLimits l = t.limits().get(key(a.family()));
                    if (l != null) {
                        known = true;
                        // Cache reads do not count toward ITPM; input, writes and output are compared with ITPM + OTPM.
                        if (a.tokens() > l.itpm() + l.otpm()) {
                            minutesOver++;
                        }
                    }
                }
                boolean feasible = t.monthlySpendCapUsd() == null || t.monthlySpendCapUsd() >= spend;
                String note = !feasible ? String.format(Locale.ROOT, "monthly spend cap $%,.0f is below your $%,.0f",
                        t.monthlySpendCapUsd(), spend) : known ? null : "no published rate limits for your models";
                out.add(new OptionReplay(t.id(), "API " + t.name(), OptionReplay.Kind.API, null, 0,
                        minutesOver / in.weeks(), minutesOver / 60.0 / in.weeks(), spend, t.depositUsd(), feasible, note));
            }
        }
        return out;
    }

    private static String key(ModelFamily f) {
        return switch (f) {
            case OPUS -> "opus";
            case SONNET -> "sonnet";
            case OTHER -> "haiku";
        };
    }

    static List<Optimisation> optimisations(AdvisorInputs in, List<Demand.Window> windows, List<Demand.Week> weeks,
            Integer sw) {
        AdvisorInputs.UsageStats s = in.stats();
        List<Optimisation> out = new ArrayList<>();
        Double hit = s.cacheHitRate();
        if (hit != null && hit < LOW_CACHE_HIT_RATE) {
            double saving = Math.min(0.3, (0.9 - hit) * 0.4);
            out.add(optimisation(in, windows, weeks, sw, "cache",
                    String.format(Locale.ROOT, "only %.0f%% of your input tokens were cache reads", hit * 100),
                    "keep sessions going instead of restarting them, and keep the start of prompts (system prompt, "
                            + "CLAUDE.md, tools) stable so the cache is reused", saving));
        }
        Double context = s.averageContextTokens();
        if (context != null && context > LONG_CONTEXT_TOKENS) {
            out.add(optimisation(in, windows, weeks, sw, "context",
                    String.format(Locale.ROOT, "each call carried %,.0f tokens of context on average", context),
                    "use /clear between unrelated tasks and /compact in long ones", 0.2));
        }
        Double opus = s.opusShare();
        if (opus != null && opus > HIGH_OPUS_SHARE) {
            double saving = opus * 0.5 * (1 - s.sonnetToOpusCostRatio());
            out.add(optimisation(in, windows, weeks, sw, "opus",
                    String.format(Locale.ROOT, "Opus made %.0f%% of your usage", opus * 100),
                    "use Sonnet for routine work (/model sonnet), keeping Opus for the hard half", saving));
        }
        return out;
    }

    private static Optimisation optimisation(AdvisorInputs in, List<Demand.Window> windows, List<Demand.Week> weeks,
            Integer sw, String id, String finding, String action, double saving) {
        Outcome r = replay(windows, weeks, in.weeks(), 1, sw, in.stats().sonnetToOpusCostRatio(), 1 - saving);
        return new Optimisation(id, finding, action, saving, r.blockedHoursPerWeek());
    }

    /** Counted blocked hours per week actually observed in the period. */
    public double observedBlockedHoursPerWeek() {
        return blocked.stream().mapToDouble(BlockedInterval::blockedHours).sum() / inputs.weeks();
    }

    /** Blocked hours per week on the current plan if every cost were cut by {@code saving}. */
    public double currentPlanBlockedWithSaving(double saving) {
        PlanCatalog.Plan current = declared(inputs);
        Integer sw = current == null ? null : current.opusToSonnetAtPercent();
        return replay(windows, weeks, inputs.weeks(), 1, sw, inputs.stats().sonnetToOpusCostRatio(), 1 - saving)
                .blockedHoursPerWeek();
    }

    /** Too little history to advise on: why, or null when there is enough. */
    public String tooLittleHistory() {
        AdvisorInputs in = inputs;
        java.time.LocalDate first = java.time.LocalDate.ofInstant(in.from(), in.zone());
        java.time.LocalDate last = java.time.LocalDate.ofInstant(in.to().minusMillis(1), in.zone());
        String period = String.format(Locale.ROOT, "the %.0f days from %s to %s", in.weeks() * 7, first, last);
        if (activeDays == 0) {
            return "no usage at all in " + period;
        }
        if (activeDays < MIN_ACTIVE_DAYS) {
            return activeDays + " active day(s) in " + period + "; the advice needs at least " + MIN_ACTIVE_DAYS;
        }
        return null;
    }

    /** The fraction of cost every optimisation together would save. */
    public double combinedSaving() {
        double keep = 1;
        for (Optimisation o : optimisations) {
            keep *= 1 - o.saving();
        }
        return 1 - keep;
    }
}
