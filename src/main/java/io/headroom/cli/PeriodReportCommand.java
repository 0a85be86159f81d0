package io.headroom.cli;

import io.headroom.domain.Figures;
import io.headroom.config.Json;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.report.CcusageJson;
import io.headroom.service.UsageReports;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The shared body of daily, weekly and monthly. */
abstract class PeriodReportCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ReportOptions options;

    @Mixin
    ImportFirst importFirst;

    abstract String listKey();

    abstract String periodKey();

    abstract String periodTitle();

    abstract List<PeriodUsage> compute(UsageReports reports, UsageReports.Range range);

    @Override
    public Integer call() throws Exception {
        UsageReports.Range range = options.range();
        importFirst.run(root, spec.commandLine().getErr());
        List<PeriodUsage> periods = compute(root.workspace().reports(), range);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(Json.mapper().writeValueAsString(CcusageJson.periods(listKey(), periodKey(), periods)));
        } else {
            print(periods, out);
        }
        out.flush();
        return 0;
    }

    private void print(List<PeriodUsage> periods, PrintWriter out) {
        if (periods.isEmpty()) {
            out.println("No usage recorded in this range.");
            return;
        }
        TextTable t = new TextTable(List.of(periodTitle(), "Models", "Input", "Output", "Cache create", "Cache read",
                "Total tokens", "Cost (API-equiv.)"), 2);
        for (PeriodUsage p : periods) {
            t.row(List.of(p.period(), String.join(", ", p.modelNames()), Figures.tokens(p.tokens().input()),
                    Figures.tokens(p.tokens().output()), Figures.tokens(p.tokens().cacheCreation()),
                    Figures.tokens(p.tokens().cacheRead()), Figures.tokens(p.tokens().total()), Figures.usd(p.cost())));
            if (options.breakdown) {
                for (ModelUsage m : p.models()) {
                    t.row(List.of("  " + m.model(), "", Figures.tokens(m.tokens().input()),
                            Figures.tokens(m.tokens().output()), Figures.tokens(m.tokens().cacheCreation()),
                            Figures.tokens(m.tokens().cacheRead()), Figures.tokens(m.tokens().total()),
                            Figures.usd(m.cost())));
                }
            }
        }
        PeriodUsage total = UsageRollup.total("Total", periods);
        t.rule();
        t.row(List.of("Total", "", Figures.tokens(total.tokens().input()), Figures.tokens(total.tokens().output()),
                Figures.tokens(total.tokens().cacheCreation()), Figures.tokens(total.tokens().cacheRead()),
                Figures.tokens(total.tokens().total()), Figures.usd(total.cost())));
        t.print(out);
    }
}
