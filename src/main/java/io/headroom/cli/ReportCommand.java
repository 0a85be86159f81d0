package io.headroom.cli;

import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.report.AdvisorReport;
import io.headroom.service.AdvisorService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code headroom report}: the advisor's report as a file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the advisor's report: HTML (self-contained, prints on A4 and Letter), "
        + "CSV (the what-if table in FILE and daily usage in FILE-daily.csv) or JSON (everything). Files are 0600.")
final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ImportFirst importFirst;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, description = "html, csv or json.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the report.")
    Path out;

    @Option(names = "--plan", paramLabel = "PLAN", description = "Your plan for this report (default: the settings).")
    String plan;

    @Option(names = "--hourly-value", paramLabel = "USD", description = "What an hour of your time is worth, for this report.")
    Double hourlyValue;

    @Option(names = "--period", paramLabel = "DAYS", defaultValue = "28d", description = "How much history: 28d (default) or 4w.")
    String period;

    @Option(names = "--now", paramLabel = "ISO", hidden = true, description = "Evaluate at this instant (tests).")
    Instant now;

    @Override
    public Integer call() throws Exception {
        AdvisorReport.Format f = AdvisorReport.Format.of(format);
        AdvisorService.checkTarget(out, f);
        importFirst.run(root, spec.commandLine().getErr());
        Instant at = now != null ? now : Instant.now();
        AdvisorService.Prepared prepared = root.workspace().advisor().prepare(at, AdvisorService.parsePeriodDays(period), plan);
        AdvisorResult r = prepared.at(hourlyValue);
        List<Path> written = AdvisorService.write(AdvisorService.report(prepared, r, at), f, out);
        PrintWriter o = spec.commandLine().getOut();
        written.forEach(p -> o.println("wrote " + p));
        o.flush();
        return 0;
    }
}
