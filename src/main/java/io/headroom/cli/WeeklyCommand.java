package io.headroom.cli;

import io.headroom.domain.usage.PeriodUsage;
import io.headroom.service.UsageReports;
import java.time.DayOfWeek;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "weekly", mixinStandardHelpOptions = true, description = "Usage and API-equivalent cost per calendar week.")
final class WeeklyCommand extends PeriodReportCommand {

    @Option(names = {"-w", "--start-of-week"}, paramLabel = "DAY", defaultValue = "SUNDAY",
            description = "First day of the week, as ccusage (default: ${DEFAULT-VALUE}).")
    DayOfWeek startOfWeek;

    @Override
    String listKey() {
        return "weekly";
    }

    @Override
    String periodKey() {
        return "week";
    }

    @Override
    String periodTitle() {
        return "Week";
    }

    @Override
    List<PeriodUsage> compute(UsageReports reports, UsageReports.Range range) {
        return reports.weekly(range, startOfWeek);
    }
}
