package io.headroom.ui.dashboard;

import io.headroom.domain.usage.PeriodUsage;
import io.headroom.domain.usage.UsageRollup;
import io.headroom.ingest.claudecode.ImportOptions;
import io.headroom.ingest.claudecode.ImportReport;
import io.headroom.service.UsageReports;
import io.headroom.service.Workspace;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.scene.control.Label;

/**
 * The dashboard shell: imports Claude Code transcripts in the background and shows what the
 * store holds. The gauges, countdowns and tabs come with the dashboard issue.
 */
public final class DashboardController {

    private final Workspace workspace;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "headroom-dashboard");
        t.setDaemon(true);
        return t;
    });

    @FXML
    private Label dataLocation;
    @FXML
    private Label todayCost;
    @FXML
    private Label totalTokens;
    @FXML
    private Label status;

    public DashboardController(Workspace workspace) {
        this.workspace = workspace;
    }

    @FXML
    private void initialize() {
        dataLocation.setText(workspace.databaseFile().toString());
        status.setText("Reading Claude Code transcripts…");
    }

    /** Imports and summarises off the FX thread, then shows the result in one update. */
    public void refresh() {
        ZoneId zone = ZoneId.systemDefault();
        Task<Summary> task = new Task<>() {
            @Override
            protected Summary call() {
                ImportReport report = workspace.importClaudeCode(List.of(), zone, ImportOptions.defaults());
                UsageReports reports = workspace.reports();
                List<PeriodUsage> today = reports.daily(new UsageReports.Range(LocalDate.now(zone), null, zone));
                PeriodUsage all = UsageRollup.total("all", reports.daily(new UsageReports.Range(null, null, zone)));
                return new Summary(report, UsageRollup.total("today", today), all);
            }
        };
        task.setOnSucceeded(e -> show(task.getValue()));
        task.setOnFailed(e -> status.setText("Could not read usage: " + task.getException().getMessage()));
        background.submit(task);
    }

    private void show(Summary s) {
        todayCost.setText(String.format(Locale.ROOT, "$%,.2f", s.today.cost()));
        totalTokens.setText(String.format(Locale.ROOT, "%,d", s.all.tokens().total()));
        status.setText(String.format(Locale.ROOT, "%d Claude Code transcripts found, %,d new lines imported.",
                s.report.files().found(), s.report.linesRead()));
    }

    public void dispose() {
        background.shutdownNow();
    }

    private record Summary(ImportReport report, PeriodUsage today, PeriodUsage all) {
    }
}
