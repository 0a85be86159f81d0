package io.headroom.ui.dashboard;

import io.headroom.domain.Figures;
import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.service.Workspace;
import io.headroom.testing.Screenshots;
import io.headroom.testing.TranscriptLines;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A first import of a large history (200 transcripts) in the real window: it shows files and
 * bytes done with a Cancel button while the other tabs stay usable; Cancel stops it with what
 * was read kept; Resume reads the rest, and the totals come out exact. The readers are held
 * after a few files (through the refresher's test hook) so the test sees the import mid-way.
 */
class ImportProgressTest extends WindowTestBase {

    private static final int FILES = 200;
    private static final int LINES = 10;

    @TempDir
    Path tmp;


    private long events() throws Exception {
        try (var c = workspace.database().openReader(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM usage_event")) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Test
    void aLargeFirstImportShowsProgressCanBeCancelledAndResumesToExactTotals(FxRobot robot) throws Exception {
        Path projects = tmp.resolve("claude/projects");
        for (int f = 0; f < FILES; f++) {
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                lines.append(TranscriptLines.assistant("f" + f + "-" + i, "2026-11-20T10:00:00Z", 100, 23));
            }
            TranscriptLines.append(projects.resolve("-home-dev-p" + (f % 7)).resolve("s" + f + ".jsonl"),
                    lines.toString());
        }
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null,
                Map.of("CLAUDE_CONFIG_DIR", tmp.resolve("claude").toString()), tmp.resolve("home"));

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> Instant.parse("2026-11-27T21:00:00Z"),
                    Duration.ofMinutes(1));
            window.controller().refresher().showProgressAfter(Duration.ZERO, (done, total, bytes, bytesTotal) -> {
                if (done >= 5) {
                    held.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            window.show();
        });
        try {
            assertThat(held.await(15, TimeUnit.SECONDS)).isTrue();
            Node progress = robot.lookup("#importProgress").query();
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, progress::isVisible);
            Label text = robot.lookup(".import-text").queryAs(Label.class);
            // Every reader thread stops at its first file done from the fifth on: 5 on one reader, a few more on many.
            String held5 = "Reading your Claude Code history: ([5-9]|1\\d) of 200 files · \\d+ KB of \\d+ KB";
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text.getText().matches(held5));
            assertThat(robot.lookup("#cancelImport").query().isVisible()).isTrue();
            Screenshots.save(progress.getScene(), "overview-import-progress");

            // The rest of the window works meanwhile.
            TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
            robot.interact(() -> tabs.getSelectionModel().select(1));
            assertThat(tabs.getSelectionModel().getSelectedIndex()).isEqualTo(1);
            robot.interact(() -> tabs.getSelectionModel().select(0));

            robot.clickOn("#cancelImport");
        } finally {
            release.countDown();
        }
        Label text = robot.lookup(".import-text").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text.getText().startsWith("Import paused: "));
        Label total = robot.lookup("#totalTokens").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> total.getText().matches("[\\d,]+"));
        long kept = events();
        assertThat(kept).isBetween(5L * LINES, (FILES - 1L) * LINES);
        assertThat(total.getText()).isEqualTo(Figures.tokens(kept * 123));
        assertThat(robot.lookup("#resumeImport").query().isVisible()).isTrue();
        Screenshots.save(text.getScene(), "overview-import-paused");

        // Nothing more is read while paused, even when the watcher or a view asks.
        robot.interact(() -> window.controller().context().refreshNow());
        Thread.sleep(500);
        assertThat(events()).isEqualTo(kept);

        window.controller().refresher().showProgressAfter(Duration.ofSeconds(1), (a, b, c, d) -> { });
        robot.clickOn("#resumeImport");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> total.getText().equals(Figures.tokens((long) FILES * LINES * 123)));
        assertThat(events()).isEqualTo((long) FILES * LINES);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !robot.lookup("#importProgress").query().isVisible());
    }
}
