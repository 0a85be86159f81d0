package io.headroom.cli;

import io.headroom.domain.Figures;
import io.headroom.config.Json;
import io.headroom.domain.usage.ModelUsage;
import io.headroom.domain.usage.SessionUsage;
import io.headroom.report.CcusageJson;
import io.headroom.service.UsageReports;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "session", mixinStandardHelpOptions = true, description = "Usage and API-equivalent cost per Claude Code session, most recent first.")
final class SessionCommand implements Callable<Integer> {

    @ParentCommand
    HeadroomCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ReportOptions options;

    @Mixin
    ImportFirst importFirst;

    @Override
    public Integer call() throws Exception {
        UsageReports.Range range = options.range();
        importFirst.run(root, spec.commandLine().getErr());
        List<SessionUsage> sessions = root.workspace().reports().sessions(range);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(Json.mapper().writeValueAsString(CcusageJson.sessions(sessions, range.zone())));
        } else if (sessions.isEmpty()) {
            out.println("No usage recorded in this range.");
        } else {
            DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
            TextTable t = new TextTable(List.of("Session", "Project", "Last activity", "Models", "Input", "Output",
                    "Cache create", "Cache read", "Cost (API-equiv.)"), 4);
            for (SessionUsage s : sessions) {
                t.row(List.of(s.sessionId(), s.project() == null ? "" : s.project(),
                        minute.format(s.lastActivity().atZone(range.zone())), String.join(", ", s.modelNames()),
                        Figures.tokens(s.tokens().input()), Figures.tokens(s.tokens().output()),
                        Figures.tokens(s.tokens().cacheCreation()), Figures.tokens(s.tokens().cacheRead()),
                        Figures.usd(s.cost())));
                if (options.breakdown) {
                    for (ModelUsage m : s.models()) {
                        t.row(List.of("  " + m.model(), "", "", "", Figures.tokens(m.tokens().input()),
                                Figures.tokens(m.tokens().output()), Figures.tokens(m.tokens().cacheCreation()),
                                Figures.tokens(m.tokens().cacheRead()), Figures.usd(m.cost())));
                    }
                }
            }
            t.print(out);
        }
        out.flush();
        return 0;
    }
}
