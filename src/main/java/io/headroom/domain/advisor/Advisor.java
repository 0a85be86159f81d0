package io.headroom.domain.advisor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Would another plan pay for itself? Total monthly cost of each option = price + API spend +
 * limit tax, where limit tax = blocked hours per week x hourly value x weeks per month. The
 * cheapest total wins; ties go to the cheaper option.
 */
public final class Advisor {

    /** 365.25 / 12 / 7 = 4.348 weeks in an average month. */
    public static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;
    /** Used when the user has not said what an hour of their time is worth. */
    public static final double DEFAULT_HOURLY_VALUE_USD = 50;
    static final double TIE = 1e-6;

    private Advisor() {
    }

    public static AdvisorResult advise(AdvisorInputs inputs, Double hourlyValueUsd) {
        return decide(Replay.of(inputs), hourlyValueUsd);
    }

    /** The advice at this hourly value (null: the default, said so); cheap, so a slider can call it freely. */
    public static AdvisorResult decide(Replay replay, Double hourlyValueUsd) {
        boolean assumed = hourlyValueUsd == null;
        double hourly = assumed ? DEFAULT_HOURLY_VALUE_USD : hourlyValueUsd;
        if (hourly < 0 || !Double.isFinite(hourly)) {
            throw new IllegalArgumentException("the hourly value must be a positive number of dollars, not " + hourly);
        }
        String current = replay.inputs().currentPlanId();
        boolean advisable = current != null && replay.tooLittleHistory() == null;
        OptionReplay reference = advisable ? reference(replay) : null;
        List<AdvisorResult.Option> options = new ArrayList<>();
        for (OptionReplay o : replay.options()) {
            double tax = o.blockedHoursPerWeek() * hourly * WEEKS_PER_MONTH;
            options.add(breakEven(o, reference, tax, current));
        }
        OptionReplay best = advisable ? choose(replay.options(), hourly) : null;
        String recommendation = best == null ? null : best.id();
        boolean optimiseFirst = false;
        if (best != null && reference != null && !best.id().equals(reference.id()) && !replay.optimisations().isEmpty()
                && reference.id().equals(current)) {
            double optimised = reference.cashUsdMonthly()
                    + replay.currentPlanBlockedWithSaving(replay.combinedSaving()) * hourly * WEEKS_PER_MONTH;
            if (optimised <= total(best, hourly) + TIE) {
                recommendation = reference.id();
                optimiseFirst = true;
            }
        }
        AdvisorResult.Confidence confidence = confidence(replay);
        List<AdvisorResult.Sensitivity> sensitivity = advisable ? sensitivity(replay.options()) : List.of();
        Map<String, String> asIf = new LinkedHashMap<>();
        if (advisable) {
            replay.asIfDeclared().forEach((plan, opts) -> {
                OptionReplay o = choose(opts, hourly);
                asIf.put(plan, o == null ? null : o.id());
            });
        }
        AdvisorResult draft = new AdvisorResult(replay, hourly, assumed, current, recommendation, optimiseFirst, options,
                List.of(), confidence, sensitivity, method(replay), asIf);
        return new AdvisorResult(replay, hourly, assumed, current, recommendation, optimiseFirst, options,
                Explanation.sentences(draft, reference), confidence, sensitivity, draft.method(), asIf);
    }

    /** The option break-even figures are measured against: the current plan, else Pro. */
    static OptionReplay reference(Replay replay) {
        String current = replay.inputs().currentPlanId();
        if (AdvisorInputs.API.equals(current)) {
            // Paying per token: the tier they would be on is the cheapest one that takes their spend.
            return replay.options().stream().filter(o -> o.kind() == OptionReplay.Kind.API && o.feasible())
                    .min(Comparator.comparingDouble(OptionReplay::cashUsdMonthly)
                            .thenComparingDouble(o -> o.depositUsd() == null ? Double.MAX_VALUE : o.depositUsd())
                            .thenComparing(OptionReplay::id))
                    .orElse(null);
        }
        for (String id : new String[] {current, replay.basis().referencePlanId(), "pro"}) {
            for (OptionReplay o : replay.options()) {
                if (o.id().equals(id) && o.feasible()) {
                    return o;
                }
            }
        }
        return null;
    }

    static double total(OptionReplay o, double hourly) {
        return o.cashUsdMonthly() + o.blockedHoursPerWeek() * hourly * WEEKS_PER_MONTH;
    }

    /** The feasible option with the lowest total; ties go to the lower cash price, the smaller plan, the smaller deposit. */
    static OptionReplay choose(List<OptionReplay> options, double hourly) {
        OptionReplay best = null;
        for (OptionReplay o : options) {
            if (!o.feasible()) {
                continue;
            }
            if (best == null) {
                best = o;
                continue;
            }
            double diff = total(o, hourly) - total(best, hourly);
            if (diff < -TIE || (Math.abs(diff) <= TIE && BY_CASH.compare(o, best) < 0)) {
                best = o;
            }
        }
        return best;
    }

    /**
     * Cash, then the smaller plan, then the smaller deposit. Options still tied keep the catalog's order
     * ({@link #choose} only replaces on strictly less), so tied API tiers never go to the first name in the alphabet.
     */
    static final Comparator<OptionReplay> BY_CASH = Comparator.comparingDouble(OptionReplay::cashUsdMonthly)
            .thenComparingDouble(o -> o.multiple() == null ? Double.MAX_VALUE : o.multiple())
            .thenComparingDouble(o -> o.depositUsd() == null ? Double.MAX_VALUE : o.depositUsd());

    /** "current" marks the plan the user is on (or, paying per token, the tier they would be on); "reference" another. */
    static AdvisorResult.Option breakEven(OptionReplay o, OptionReplay ref, double tax, String current) {
        double totalAt = o.cashUsdMonthly() + tax;
        if (!o.feasible() || ref == null) {
            return new AdvisorResult.Option(o, tax, totalAt, null, o.feasible() ? null : "never");
        }
        if (o.id().equals(ref.id())) {
            boolean isCurrent = ref.id().equals(current) || AdvisorInputs.API.equals(current);
            return new AdvisorResult.Option(o, tax, totalAt, null, isCurrent ? "current" : "reference");
        }
        double extraCash = o.cashUsdMonthly() - ref.cashUsdMonthly();
        double savedHours = (ref.blockedHoursPerWeek() - o.blockedHoursPerWeek()) * WEEKS_PER_MONTH;
        if (extraCash > TIE && savedHours > TIE) {
            return new AdvisorResult.Option(o, tax, totalAt, extraCash / savedHours, "above");
        }
        if (extraCash < -TIE && savedHours < -TIE) {
            return new AdvisorResult.Option(o, tax, totalAt, extraCash / savedHours, "below");
        }
        if (extraCash <= TIE && savedHours >= -TIE) {
            return new AdvisorResult.Option(o, tax, totalAt, null, "always");
        }
        return new AdvisorResult.Option(o, tax, totalAt, null, "never");
    }

    /** The recommendation between every hourly value where two options' totals cross. */
    static List<AdvisorResult.Sensitivity> sensitivity(List<OptionReplay> options) {
        List<OptionReplay> feasible = options.stream().filter(OptionReplay::feasible).toList();
        TreeSet<Double> cuts = new TreeSet<>();
        cuts.add(0.0);
        for (OptionReplay a : feasible) {
            for (OptionReplay b : feasible) {
                double dh = (a.blockedHoursPerWeek() - b.blockedHoursPerWeek()) * WEEKS_PER_MONTH;
                if (dh > TIE) {
                    double h = (b.cashUsdMonthly() - a.cashUsdMonthly()) / dh;
                    if (h > 0 && Double.isFinite(h)) {
                        cuts.add(h);
                    }
                }
            }
        }
        List<AdvisorResult.Sensitivity> out = new ArrayList<>();
        List<Double> points = new ArrayList<>(cuts);
        for (int i = 0; i < points.size(); i++) {
            double lo = points.get(i);
            Double hi = i + 1 < points.size() ? points.get(i + 1) : null;
            double probe = hi == null ? lo + 1 + lo : (lo + hi) / 2;
            OptionReplay o = choose(feasible, probe);
            if (o == null) {
                continue;
            }
            if (!out.isEmpty() && out.get(out.size() - 1).optionId().equals(o.id())) {
                AdvisorResult.Sensitivity last = out.remove(out.size() - 1);
                out.add(new AdvisorResult.Sensitivity(last.fromUsd(), hi, o.id()));
            } else {
                out.add(new AdvisorResult.Sensitivity(lo, hi, o.id()));
            }
        }
        return out;
    }

    static AdvisorResult.Confidence confidence(Replay r) {
        double days = r.inputs().weeks() * 7;
        String reason = String.format(Locale.ROOT, "%d active day(s) in %.0f days of history, %d official usage sample(s), "
                + "%d limit hit(s) seen", r.activeDays(), days, r.officialSamples(), r.limitHitsSeen());
        String level;
        boolean learned = r.basis().fiveHourMethod().startsWith("learned");
        if (r.activeDays() >= 14 && learned && (r.officialSamples() >= 5 || r.limitHitsSeen() >= 3)) {
            level = "high";
        } else if (r.activeDays() >= 7) {
            level = "medium";
        } else {
            level = "low";
        }
        return new AdvisorResult.Confidence(level, reason);
    }

    static List<String> method(Replay r) {
        AdvisorInputs in = r.inputs();
        LocalDate first = LocalDate.ofInstant(in.from(), in.zone());
        LocalDate last = LocalDate.ofInstant(in.to().minusMillis(1), in.zone());
        List<String> m = new ArrayList<>();
        m.add(String.format(Locale.ROOT, "Period: %s to %s (%s), %.1f weeks.", first, last, in.zone().getId(), in.weeks()));
        m.add("Blocked time runs from each limit hit (Claude Code's limit messages, the proxy, limit hits you logged, "
                + "official readings of 100% or more) to its reset. It counts only when you were active again within "
                + BlockedTime.RESUME_WITHIN.toMinutes() + " minutes of the reset, and only inside your usual working hours.");
        m.add("Usual working hours (" + r.workingHours().describe() + ", " + r.workingHours().hoursPerWeek()
                + " h/week): an hour of the day counts when you were active in it on at least a quarter of the period's "
                + "weekdays (or weekend days), and on at least two of them.");
        m.add(String.format(Locale.ROOT, "Limits: 5-hour $%.2f and weekly $%.2f API-equivalent per Pro's worth of usage "
                + "(5-hour: %s; weekly: %s), scaled by each plan's usage multiple from the plan catalog (as of %s). "
                + "They are calibrated on your own plan so that its replay gives back what was measured: in a window "
                + "or week where you hit the limit, the limit is what you used there; elsewhere it is the learned one, "
                + "and never less than what you used without a hit.",
                r.basis().fiveHourUsdPerUnit(), r.basis().weeklyUsdPerUnit(), r.basis().fiveHourMethod(),
                r.basis().weeklyMethod(), in.catalog().asOf()));
        m.add("Replay: in each 5-hour window you wanted to work the hours you were active plus the hours you were blocked; "
                + "a plan's limit buys limit / (your cost per hour in that window) hours of it, and the rest is blocked time "
                + "on that plan. Max plans switch from Opus to Sonnet part-way (Max 5x at 20%, Max 20x at 50% of the limit), "
                + "which makes the rest of the window cheaper. Weeks are replayed against the weekly limit on the work the "
                + "5-hour limits let through, and added.");
        m.add(String.format(Locale.ROOT, "Limit tax = blocked hours per week x hourly value x %.3f weeks per month "
                + "(365.25 / 12 / 7). Total per month = plan price + limit tax (+ API spend for API tiers). The lowest "
                + "total is recommended; ties go to the cheaper option.", WEEKS_PER_MONTH));
        m.add("Optimisation before escalation: when cutting usage per hour of work (cache reuse, shorter contexts, less "
                + "Opus) on your plan costs less in total than the best upgrade, that is the advice. Savings are rough "
                + "estimates and are labelled so.");
        m.add("No advice on fewer than " + Replay.MIN_ACTIVE_DAYS + " active days, nor without knowing your plan: "
                + "your limits are measured on it and scaled to the others.");
        m.add("Costs are API-equivalent (what the same tokens would cost on the API), from the price table.");
        return m;
    }
}
