package io.headroom.domain.advisor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The advice in plain sentences, each built from the numbers behind it. */
public final class Explanation {

    private Explanation() {
    }

    public static String usd(double v) {
        return Math.abs(v) >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "$%,.0f", v)
                : String.format(Locale.ROOT, "$%,.2f", v);
    }

    public static String hours(double v) {
        return String.format(Locale.ROOT, "%.1f h", v);
    }

    static List<String> sentences(AdvisorResult r, OptionReplay reference) {
        Replay replay = r.replay();
        AdvisorInputs in = replay.inputs();
        List<String> out = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(in.from(), in.zone());
        LocalDate last = LocalDate.ofInstant(in.to().minusMillis(1), in.zone());
        long hits = replay.blocked().size();
        long waited = replay.blocked().stream().filter(BlockedInterval::resumed).count();
        double observed = replay.observedBlockedHoursPerWeek();
        if (hits == 0) {
            out.add(String.format(Locale.ROOT, "In the %.1f weeks from %s to %s you never hit a limit.", in.weeks(), first, last));
        } else {
            out.add(String.format(Locale.ROOT, "In the %.1f weeks from %s to %s you hit a limit %d time(s); after %d of them "
                    + "you were back within %d minutes of the reset, so they cost you %s of working time (%s/week).",
                    in.weeks(), first, last, hits, waited, BlockedTime.RESUME_WITHIN.toMinutes(),
                    hours(observed * in.weeks()), hours(observed)));
        }
        String hourly = usd(r.hourlyValueUsd()) + "/h" + (r.hourlyValueAssumed() ? " (assumed: no hourly value is set)" : "");
        String tooLittle = replay.tooLittleHistory();
        if (tooLittle != null) {
            out.add("Too little history to advise: " + tooLittle + ".");
        }
        if (r.currentPlanId() == null) {
            out.add("Which plan are you on? Your limits are measured on it and scaled to the other plans, so the advice "
                    + "needs it.");
        }
        if (tooLittle != null || r.currentPlanId() == null) {
            out.add("Confidence: " + r.confidence().level() + " (" + r.confidence().reason() + ").");
            return out;
        }
        if (reference == null) {
            out.add("No plan can be compared: the catalog has none that fits your usage.");
            return out;
        }
        AdvisorResult.Option ref = r.option(reference.id());
        String refName = reference.name();
        boolean payingPerToken = AdvisorInputs.API.equals(r.currentPlanId());
        boolean isCurrent = reference.id().equals(r.currentPlanId()) || payingPerToken;
        if (reference.blockedHoursPerWeek() > 0) {
            out.add(String.format(Locale.ROOT, "At %s that is a limit tax of %s/month on %s (%s/week x %s x %.3f weeks/month).",
                    hourly, usd(ref.limitTaxUsdMonthly()), refName, hours(reference.blockedHoursPerWeek()),
                    usd(r.hourlyValueUsd()), Advisor.WEEKS_PER_MONTH));
            if (Math.abs(reference.blockedHoursPerWeek() - observed) > 0.1 * Math.max(observed, 0.1)) {
                out.add(String.format(Locale.ROOT, "(That is the replay of your history on %s; the blocked time actually "
                        + "measured was %s/week.)", refName, hours(observed)));
            }
        } else {
            out.add(String.format(Locale.ROOT, "Your time is valued at %s; on %s the replay finds no blocked time, so no limit tax.",
                    hourly, refName));
        }
        if (payingPerToken) {
            out.add("You pay per token, so " + refName + " (the cheapest tier that takes your spend) is the reference.");
        } else if (!isCurrent) {
            out.add("Your plan cannot be replayed (the catalog has no usage multiple for it), so " + refName
                    + " is the reference.");
        }
        AdvisorResult.Option rec = r.option(r.recommendation());
        if (rec == null) {
            return out;
        }
        AdvisorResult.Option runnerUp = null;
        for (AdvisorResult.Option o : r.options()) {
            if (o.replay().feasible() && !o.id().equals(rec.id())
                    && (runnerUp == null || o.totalUsdMonthly() < runnerUp.totalUsdMonthly())) {
                runnerUp = o;
            }
        }
        if (r.optimiseFirst()) {
            double saving = replay.combinedSaving();
            double after = replay.currentPlanBlockedWithSaving(saving);
            AdvisorResult.Option best = runnerUp;
            for (Replay.Optimisation o : replay.optimisations()) {
                out.add("Optimise before upgrading: " + o.finding() + "; " + o.action() + ".");
            }
            out.add(String.format(Locale.ROOT, "Together that would cut your usage by roughly %.0f%% (a rough estimate) and "
                    + "your blocked time on %s from %s to %s/week: %s/month in total, no more than %s at %s/month.",
                    saving * 100, refName, hours(reference.blockedHoursPerWeek()), hours(after),
                    usd(reference.cashUsdMonthly() + after * r.hourlyValueUsd() * Advisor.WEEKS_PER_MONTH),
                    best == null ? "upgrading" : best.replay().name(), best == null ? "-" : usd(best.totalUsdMonthly())));
        } else if (rec.id().equals(reference.id())) {
            out.add(String.format(Locale.ROOT, "Staying on %s is cheapest: %s = %s/month%s.", refName, parts(rec),
                    usd(rec.totalUsdMonthly()), runnerUp == null ? ""
                            : ", against " + usd(runnerUp.totalUsdMonthly()) + " for " + runnerUp.replay().name()
                                    + ", the next best"));
        } else {
            out.add(String.format(Locale.ROOT, "%s is cheapest in total: %s = %s/month, against %s/month on %s.",
                    rec.replay().name(), parts(rec), usd(rec.totalUsdMonthly()), usd(ref.totalUsdMonthly()), refName));
            if (rec.replay().blockedHoursPerWeek() > 0) {
                out.add(String.format(Locale.ROOT, "Even on %s the replay leaves %s/week blocked (%.1f limit hit(s) a week).",
                        rec.replay().name(), hours(rec.replay().blockedHoursPerWeek()), rec.replay().limitHitsPerWeek()));
            }
        }
        if ("above".equals(rec.breakEven())) {
            out.add(String.format(Locale.ROOT, "%s pays for itself if your time is worth more than %s/h.", rec.replay().name(),
                    usd(rec.breakEvenHourlyUsd())));
        } else if (rec.id().equals(reference.id())) {
            AdvisorResult.Option cheapestUpgrade = null;
            for (AdvisorResult.Option o : r.options()) {
                if ("above".equals(o.breakEven()) && (cheapestUpgrade == null
                        || o.breakEvenHourlyUsd() < cheapestUpgrade.breakEvenHourlyUsd())) {
                    cheapestUpgrade = o;
                }
            }
            if (cheapestUpgrade != null) {
                out.add(String.format(Locale.ROOT, "%s would pay for itself only if your time were worth more than %s/h.",
                        cheapestUpgrade.replay().name(), usd(cheapestUpgrade.breakEvenHourlyUsd())));
            }
        }
        declaredPlan(r, out);
        if (r.sensitivity().size() > 1) {
            StringBuilder b = new StringBuilder("By hourly value: ");
            for (int i = 0; i < r.sensitivity().size(); i++) {
                AdvisorResult.Sensitivity s = r.sensitivity().get(i);
                String name = r.option(s.optionId()).replay().name();
                b.append(i == 0 ? "" : "; ").append(s.toUsd() == null ? "from " + usd(s.fromUsd()) + "/h " + name
                        : (s.fromUsd() == 0 ? "below " : usd(s.fromUsd()) + " to ") + usd(s.toUsd()) + "/h " + name);
            }
            out.add(b + ".");
        }
        if (!r.optimiseFirst()) {
            for (Replay.Optimisation o : replay.optimisations()) {
                out.add(String.format(Locale.ROOT, "Also worth doing: %s; %s (saves roughly %.0f%% of usage, a rough estimate).",
                        o.finding(), o.action(), o.saving() * 100));
            }
        }
        out.add("Confidence: " + r.confidence().level() + " (" + r.confidence().reason() + ").");
        return out;
    }

    /** When another declared plan would turn the same history into other advice, says so and why. */
    private static void declaredPlan(AdvisorResult r, List<String> out) {
        AdvisorInputs in = r.replay().inputs();
        List<String> other = new ArrayList<>();
        r.asIfDeclared().forEach((plan, rec) -> {
            if (!java.util.Objects.equals(rec, r.recommendation())) {
                String recName = r.replay().asIfDeclared().get(plan).stream().filter(o -> o.id().equals(rec))
                        .map(OptionReplay::name).findFirst().orElse("none");
                other.add("had the same history been on " + name(in, plan) + ", the advice would be " + recName);
            }
        });
        if (!other.isEmpty()) {
            out.add("This advice rests on your plan being " + name(in, r.currentPlanId()) + ": your limits were measured on "
                    + "it and the other plans scaled from them by their usage multiples; " + String.join("; ", other) + ".");
        }
    }

    private static String name(AdvisorInputs in, String planId) {
        return in.catalog().plan(planId).map(io.headroom.domain.plans.PlanCatalog.Plan::name).orElse(planId);
    }

    private static String parts(AdvisorResult.Option o) {
        StringBuilder b = new StringBuilder();
        b.append(usd(o.replay().priceUsdMonthly())).append(" price");
        if (o.replay().apiSpendUsdMonthly() > 0) {
            b.append(" + ").append(usd(o.replay().apiSpendUsdMonthly())).append(" API spend");
        }
        b.append(" + ").append(usd(o.limitTaxUsdMonthly())).append(" limit tax");
        return b.toString();
    }
}
