package io.headroom.ui.advisor;

import io.headroom.config.Settings;
import io.headroom.domain.advisor.Advisor;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.Explanation;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.service.AdvisorService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the Advisor tab shows and when it must read the history again, in plain Java: the
 * controller only binds these texts to its controls and runs the loads on the views' thread.
 * The tab reloads when the saved settings it was prepared with (plan, hourly value, zone)
 * changed, wherever they were saved, on a new day, or once a replay is a minute old.
 */
public final class AdvisorViewModel {

    /** The store changes every few seconds while Claude Code runs, but the period ends at the start of today. */
    static final Duration RELOAD_AT_MOST_EVERY = Duration.ofMinutes(1);

    /** A replay and the saved settings and instant it was made with. */
    public record Loaded(AdvisorService.Prepared prepared, Settings settings, Instant at) {
    }

    /** A plan the chooser offers. */
    public record PlanChoice(String id, String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One row of the what-if table, as shown. */
    public record Row(String option, String price, String hits, String blocked, String tax, String total, String breakEven,
            String style, String tooltip) {
    }

    private Loaded loaded;
    private AdvisorResult shown;
    /** The hourly value tried with the slider; null until touched, and again when the saved value changes. */
    private Double chosen;

    /** Whether {@code last} no longer fits the saved settings or the day; called off the FX thread with fresh settings. */
    public static boolean needsReload(Loaded last, Instant now, Settings saved) {
        if (last == null) {
            return true;
        }
        Settings was = last.settings();
        if (!Objects.equals(was.plan(), saved.plan()) || !Objects.equals(was.hourlyValueUsd(), saved.hourlyValueUsd())
                || !Objects.equals(was.timeZone(), saved.timeZone())) {
            return true;
        }
        if (!LocalDate.ofInstant(now, last.prepared().zone()).equals(LocalDate.ofInstant(last.at(), last.prepared().zone()))) {
            return true;
        }
        return Duration.between(last.at(), now).compareTo(RELOAD_AT_MOST_EVERY) >= 0;
    }

    public Loaded loaded() {
        return loaded;
    }

    /** A new replay arrived; a changed saved hourly value replaces what the slider was trying. */
    public void adopt(Loaded fresh) {
        if (loaded != null && !Objects.equals(loaded.settings().hourlyValueUsd(), fresh.settings().hourlyValueUsd())) {
            chosen = null;
        }
        loaded = fresh;
    }

    /** Where the slider stands: the value being tried, else the saved one, else the default. */
    public double sliderValue() {
        if (chosen != null) {
            return chosen;
        }
        Double saved = loaded == null ? null : loaded.prepared().settingsHourlyValue();
        return saved != null ? saved : Advisor.DEFAULT_HOURLY_VALUE_USD;
    }

    /** The user moved the slider. */
    public void slid(double value) {
        chosen = (double) Math.round(value);
    }

    /** The hourly value to decide at: the one being tried, else null for the saved one. */
    public Double decisionValue() {
        return chosen;
    }

    public void show(AdvisorResult result) {
        this.shown = result;
    }

    public AdvisorResult shown() {
        return shown;
    }

    public String period() {
        if (shown == null) {
            return "";
        }
        var in = shown.replay().inputs();
        return LocalDate.ofInstant(in.from(), in.zone()) + " to " + LocalDate.ofInstant(in.to().minusMillis(1), in.zone())
                + " · plan catalog as of " + in.catalog().asOf() + " · costs are API-equivalent";
    }

    public String recommendation() {
        if (shown == null) {
            return "…";
        }
        AdvisorResult.Option rec = shown.option(shown.recommendation());
        if (rec != null) {
            return rec.replay().name() + (shown.optimiseFirst() ? ", optimised" : "");
        }
        return shown.currentPlanId() == null ? "Your plan?" : "No recommendation yet";
    }

    public boolean optimiseFirst() {
        return shown != null && shown.optimiseFirst();
    }

    public String confidence() {
        return shown == null ? "" : shown.confidence().level() + " confidence";
    }

    public String confidenceStyle() {
        return shown == null ? "" : "confidence-" + shown.confidence().level();
    }

    public String confidenceReason() {
        return shown == null ? "" : shown.confidence().reason();
    }

    public List<String> sentences() {
        return shown == null ? List.of() : shown.sentences();
    }

    /** The plan chooser shows in place of advice while no plan is set. */
    public boolean asksForPlan() {
        return shown != null && shown.currentPlanId() == null;
    }

    /** The plans a Claude Code user can be on and the advisor can replay, then paying per token. */
    public static List<PlanChoice> planChoices(PlanCatalog catalog) {
        List<PlanChoice> out = new ArrayList<>();
        for (PlanCatalog.Plan p : catalog.plans()) {
            if (p.usageMultiple() != null) {
                out.add(new PlanChoice(p.id(), p.name()));
            }
        }
        out.add(new PlanChoice("api", "API (pay per token)"));
        return out;
    }

    public String hourlyValueShown(double sliderValue) {
        return Explanation.usd(Math.round(sliderValue)) + "/h";
    }

    public String hourlyNote() {
        if (shown == null) {
            return "";
        }
        Double saved = loaded == null ? null : loaded.prepared().settingsHourlyValue();
        if (shown.hourlyValueAssumed()) {
            return "No hourly value in your settings: $50/h is assumed. Move the slider to try yours.";
        }
        String rule = String.format(Locale.ROOT, "Limit tax = blocked hours x this value x %.3f weeks a month.",
                Advisor.WEEKS_PER_MONTH);
        if (chosen != null && !Objects.equals(chosen, saved)) {
            return rule + " Reports use your saved value, " + (saved == null ? "$50/h (assumed)"
                    : Explanation.usd(saved) + "/h") + "; change it in Settings.";
        }
        return rule;
    }

    public String sensitivity() {
        if (shown == null || shown.sensitivity().isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (AdvisorResult.Sensitivity s : shown.sensitivity()) {
            parts.add((s.toUsd() == null ? "from " + Explanation.usd(s.fromUsd()) : Explanation.usd(s.fromUsd()) + "–"
                    + Explanation.usd(s.toUsd())) + "/h: " + shown.option(s.optionId()).replay().name());
        }
        return "Cheapest by hourly value: " + String.join(" · ", parts);
    }

    public String tablePlaceholder() {
        if (shown == null) {
            return "Replaying your history…";
        }
        return shown.currentPlanId() == null ? "Choose your plan to compare the others with it." : "Nothing to compare.";
    }

    public List<AdvisorResult.Option> options() {
        return shown == null ? List.of() : shown.options();
    }

    /** A what-if row as shown: "(current)" only beside the plan the user said they are on. */
    public Row row(AdvisorResult.Option o) {
        OptionReplay x = o.replay();
        boolean feasible = x.feasible();
        String current = shown == null ? null : shown.currentPlanId();
        String style = shown != null && o.id().equals(shown.recommendation()) ? "recommended-row"
                : feasible ? "" : "not-compared";
        return new Row(x.name() + (current != null && o.id().equals(current) ? " (current)" : ""), price(x),
                feasible ? String.format(Locale.ROOT, "%.1f", x.limitHitsPerWeek()) : "–",
                feasible ? String.format(Locale.ROOT, "%.1f", x.blockedHoursPerWeek()) : "–",
                feasible ? Explanation.usd(o.limitTaxUsdMonthly()) : "–",
                feasible ? Explanation.usd(o.totalUsdMonthly()) : "–", breakEven(o), style, tooltip(o));
    }

    static String price(OptionReplay o) {
        return o.kind() == OptionReplay.Kind.API ? Explanation.usd(o.apiSpendUsdMonthly()) + " (API)"
                : Explanation.usd(o.priceUsdMonthly());
    }

    static String breakEven(AdvisorResult.Option o) {
        if (!o.replay().feasible()) {
            return "not compared";
        }
        if (o.breakEven() == null) {
            return "";
        }
        return switch (o.breakEven()) {
            case "above" -> "above " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "below" -> "below " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "always" -> "always cheaper";
            case "current" -> "current plan";
            case "reference" -> "reference";
            default -> "never pays";
        };
    }

    static String tooltip(AdvisorResult.Option item) {
        List<String> tip = new ArrayList<>();
        if (item.replay().note() != null) {
            tip.add(item.replay().note());
        }
        if (item.replay().depositUsd() != null) {
            tip.add("deposit " + Explanation.usd(item.replay().depositUsd()));
        }
        if ("above".equals(item.breakEven())) {
            tip.add(item.replay().name() + " pays for itself if your time is worth more than "
                    + Explanation.usd(item.breakEvenHourlyUsd()) + "/h");
        } else if ("below".equals(item.breakEven())) {
            tip.add(item.replay().name() + " saves money if your time is worth less than "
                    + Explanation.usd(item.breakEvenHourlyUsd()) + "/h");
        }
        return tip.isEmpty() ? null : String.join("\n", tip);
    }

    /** "Wrote a.csv and a-daily.csv". */
    public static String wrote(List<java.nio.file.Path> files) {
        return "Wrote " + String.join(" and ", files.stream().map(java.nio.file.Path::toString).toList());
    }
}
