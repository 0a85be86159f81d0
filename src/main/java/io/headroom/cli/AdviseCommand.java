package io.headroom.cli;

import io.headroom.config.Json;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.domain.advisor.Explanation;
import io.headroom.domain.advisor.OptionReplay;
import io.headroom.report.JsonReport;
import io.headroom.service.AdvisorService;
import java.io.PrintWriter;
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

/** {@code headroom advise}: would another plan pay for itself? */
@Command(name = "advise", mixinStandardHelpOptions = true,
        description = "Would another plan pay for itself? Replays your last weeks against every plan "
        + "(and API tier with --plan api): limit hits, blocked hours, the limit tax they cost at your hourly value, "
        + "the total per month, break-even hourly values, and a recommendation that explains itself.")
final class AdviseCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportFirst importFirst;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Your plan for this run (pro, max5, max20, ... or api); "
            + "default: the settings.")
    String plan;

    @Option(names = "--hourly-value", paramLabel = "USD", description = "What an hour of your time is worth, for this run; "
            + "default: the settings, else $50 (said so).")
    Double hourlyValue;

    @Option(names = "--period", paramLabel = "DAYS", defaultValue = "28d",
            description = "How much history: 28d (default: the last 4 full weeks, ending at the start of today) or 4w.")
    String period;

    @Option(names = {"-j", "--json"}, description = "Print JSON (the recommended option's id is in \"recommendation\").")
    boolean json;

    @Option(names = "--now", paramLabel = "ISO", hidden = true, description = "Evaluate at this instant (tests).")
    Instant now;

    @Override
    public Integer call() throws Exception {
        importFirst.run(root, spec.commandLine().getErr());
        Instant at = now != null ? now : Instant.now();
        AdvisorService.Prepared prepared = root.workspace().advisor().prepare(at, AdvisorService.parsePeriodDays(period), plan);
        AdvisorResult r = prepared.at(hourlyValue);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(JsonReport.toJson(AdvisorService.report(prepared, r, at))));
        } else {
            print(r, out);
        }
        out.flush();
        return 0;
    }

    static void print(AdvisorResult r, PrintWriter out) {
        AdvisorResult.Option rec = r.option(r.recommendation());
        out.println("Recommendation: " + (rec == null ? "none" : rec.replay().name())
                + (r.optimiseFirst() ? " (optimise first)" : "") + " · confidence " + r.confidence().level()
                + " · at " + Explanation.usd(r.hourlyValueUsd()) + "/h" + (r.hourlyValueAssumed() ? " (assumed)" : "")
                + " · costs are API-equivalent");
        out.println();
        TextTable t = new TextTable(List.of("option", "price/mo", "hits/wk", "blocked h/wk", "limit tax/mo", "total/mo",
                "break-even"), 1);
        for (AdvisorResult.Option o : r.options()) {
            OptionReplay x = o.replay();
            String name = (x.id().equals(r.recommendation()) ? "* " : "  ") + x.name()
                    + (x.id().equals(r.currentPlanId()) ? " (current)" : "");
            String price = Explanation.usd(x.priceUsdMonthly())
                    + (x.apiSpendUsdMonthly() > 0 ? " + " + Explanation.usd(x.apiSpendUsdMonthly()) + " API" : "");
            if (!x.feasible()) {
                t.row(List.of(name, price, "-", "-", "-", "-", x.note() == null ? "not compared" : x.note()));
                continue;
            }
            t.row(List.of(name, price, String.format(Locale.ROOT, "%.1f", x.limitHitsPerWeek()),
                    String.format(Locale.ROOT, "%.1f", x.blockedHoursPerWeek()), Explanation.usd(o.limitTaxUsdMonthly()),
                    Explanation.usd(o.totalUsdMonthly()), breakEven(o)));
        }
        t.print(out);
        out.println();
        for (String s : r.sentences()) {
            out.println("- " + s);
        }
        out.println();
        for (String hint : hints(r)) {
            out.println(hint);
        }
        out.println("How this is computed: headroom report --format html --out report.html (section Method).");
    }

    /** Which option sets what the advice was missing. */
    static List<String> hints(AdvisorResult r) {
        List<String> out = new java.util.ArrayList<>();
        if (r.currentPlanId() == null) {
            out.add("Set your plan: headroom settings --plan PLAN (pro, max5, max20, ... or api), or --plan PLAN for this run.");
        }
        if (r.hourlyValueAssumed()) {
            out.add("Set your hourly value: headroom settings --hourly-value USD, or --hourly-value USD for this run.");
        }
        return out;
    }

    static String breakEven(AdvisorResult.Option o) {
        if (o.breakEven() == null) {
            return "";
        }
        return switch (o.breakEven()) {
            case "above" -> "above " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "below" -> "below " + Explanation.usd(o.breakEvenHourlyUsd()) + "/h";
            case "always" -> "always";
            case "current" -> "current";
            case "reference" -> "reference";
            default -> "never";
        };
    }
}
