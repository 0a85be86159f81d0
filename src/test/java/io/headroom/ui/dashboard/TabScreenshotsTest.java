package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.Settings;
import io.headroom.service.DemoData;
import io.headroom.testing.Screenshots;
import io.headroom.ui.view.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every tab of the main window at 1280x800 on the demo data, in both themes, saved to
 * target/screenshots/ for a person to look at; and no label in them is cut short.
 */
class TabScreenshotsTest extends WindowTestBase {

    private static final Instant NOW = Instant.parse("2026-11-27T18:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void everyTabInBothThemesShowsAllItsTexts(FxRobot robot) throws Exception {
        workspace = DemoData.create(tmp.resolve("demo"), NOW, DemoData.SEED);
        robot.interact(() -> {
            window = new DashboardWindow(stage, workspace, () -> NOW, Duration.ofSeconds(30));
            window.show();
        });
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> window.controller().overview().loaded.get());
        assertThat(stage.getScene().getWidth()).isEqualTo(1280);
        assertThat(stage.getScene().getHeight()).isEqualTo(800);

        TabPane tabs = robot.lookup(".main-tabs").queryAs(TabPane.class);
        assertThat(tabs.getTabs()).extracting(Tab::getText)
                .containsExactly("Overview", "History", "Sessions", "API", "Advisor", "Settings");
        List<String> clipped = new ArrayList<>();
        for (String theme : List.of(Settings.LIGHT, Settings.DARK)) {
            robot.interact(() -> Theme.apply(stage.getScene(), theme));
            for (Tab tab : List.copyOf(tabs.getTabs())) {
                robot.interact(() -> tabs.getSelectionModel().select(tab));
                settle();
                Path png = Screenshots.save(stage.getScene(), "tab-" + tab.getText().toLowerCase() + "-" + theme);
                assertThat(Files.size(png)).isGreaterThan(10_000);
                clipped.addAll(WaitForAsyncUtils.asyncFx(() -> clipped(tab.getText() + " (" + theme + ")",
                        tab.getContent())).get());
            }
        }
        assertThat(clipped).isEmpty();
    }

    /** Labels that show less than their text: JavaFX's ellipsis, or less room than the text needs. */
    static List<String> clipped(String where, Node root) {
        List<String> out = new ArrayList<>();
        visit(root, node -> {
            if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
                String shown = l.getChildrenUnmodifiable().stream().filter(Text.class::isInstance)
                        .map(t -> ((Text) t).getText()).findFirst().orElse(l.getText());
                boolean ellipsis = shown.endsWith("…") && !l.getText().endsWith("…")
                        || shown.endsWith("...") && !l.getText().endsWith("...");
                boolean narrow = !l.isWrapText() && l.getWidth() + 0.5 < l.prefWidth(-1);
                if (ellipsis || narrow) {
                    out.add(where + ": " + l.getClass().getSimpleName() + (l.getId() == null ? "" : "#" + l.getId())
                            + " \"" + l.getText() + "\" shows \"" + shown + "\" in " + Math.round(l.getWidth())
                            + " of " + Math.round(l.prefWidth(-1)) + " px");
                }
            }
        });
        return out;
    }

    /** Every node that shows: visible itself and inside visible parents. */
    private static void visit(Node node, java.util.function.Consumer<Node> check) {
        if (node == null || !node.isVisible()) {
            return;
        }
        check.accept(node);
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, check);
            }
        }
    }

    private static void settle() throws Exception {
        for (int i = 0; i < 4; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            Thread.sleep(150);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
