package io.headroom.cli;

import io.headroom.domain.usage.PeriodUsage;
import io.headroom.service.UsageReports;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "daily", mixinStandardHelpOptions = true, description = "Usage and API-equivalent cost per day.")
final class DailyCommand extends PeriodReportCommand {

    @Override
    String listKey() {
        return "daily";
    }

    @Override
    String periodKey() {
        return "date";
    }

    @Override
    String periodTitle() {
        return "Date";
    }

    @Override
    List<PeriodUsage> compute(UsageReports reports, UsageReports.Range range) {
        return reports.daily(range);
    }
}
