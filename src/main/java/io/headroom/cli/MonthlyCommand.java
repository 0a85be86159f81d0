package io.headroom.cli;

import io.headroom.domain.usage.PeriodUsage;
import io.headroom.service.UsageReports;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "monthly", mixinStandardHelpOptions = true, description = "Usage and API-equivalent cost per month.")
final class MonthlyCommand extends PeriodReportCommand {

    @Override
    String listKey() {
        return "monthly";
    }

    @Override
    String periodKey() {
        return "month";
    }

    @Override
    String periodTitle() {
        return "Month";
    }

    @Override
    List<PeriodUsage> compute(UsageReports reports, UsageReports.Range range) {
        return reports.monthly(range);
    }
}
