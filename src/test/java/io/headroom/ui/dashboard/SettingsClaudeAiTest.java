package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.secrets.SecretStores;
import io.headroom.service.Workspace;
import io.headroom.sources.claudeai.ClaudeAiSource;
import io.headroom.testing.Screenshots;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Settings tile for claude.ai: how to find the key, a masked field, Save into the secret store, Turn off. */
class SettingsClaudeAiTest extends WindowTestBase {

    private static final String KEY = "sk-ant-sid01-Ui8oP1aS4dF7gH0jK3lZ6xC9vB2nM5qW-eR_tY8uI1oP4-EEE";

    @TempDir
    Path tmp;

    @Test
    void savingTheKeyPutsItInTheSecretStoreAndEmptiesTheField(FxRobot robot) throws Exception {
        // an unreachable base: the test never talks to claude.ai
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(SecretStores.OVERRIDE_ENV,
                "file", "HEADROOM_CLAUDE_AI_BASE_URL", "http://127.0.0.1:9"), tmp.resolve("home"));
        openSettings(robot, tmp.resolve("home"));
        Label howTo = robot.lookup("#claudeAiHowTo").queryAs(Label.class);
        assertThat(howTo.getText()).contains("Cookies").contains("sessionKey").contains("sk-ant-sid01-");
        Label message = robot.lookup("#claudeAiMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Off.".equals(message.getText()));
        Button save = robot.lookup("#saveClaudeAiKey").queryAs(Button.class);
        assertThat(save.isDisabled()).isTrue();

        PasswordField field = robot.lookup("#claudeAiKey").queryAs(PasswordField.class);
        robot.interact(() -> field.setText(KEY));
        assertThat(save.isDisabled()).isFalse();
        robot.interact(save::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().startsWith("On:"));
        assertThat(message.getText()).isEqualTo("On: the key is kept in a private file (" + tmp.resolve("data")
                .resolve("secrets") + "). Warning: No system secret store was found, so the key is kept unencrypted in "
                + tmp.resolve("data").resolve("secrets") + ", readable only by you (mode 0600). Headroom asks"
                + " claude.ai at the next refresh.");
        assertThat(field.getText()).isEmpty();
        assertThat(workspace.secrets().get(ClaudeAiSource.KEY_NAME)).contains(KEY);
        assertThat(workspace.claudeAi().settings().enabled()).isTrue();
        Screenshots.save(field.getScene(), "settings-claude-ai");

        robot.interact(() -> robot.lookup("#claudeAiOff").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().startsWith("Off: the key was removed"));
        assertThat(workspace.secrets().get(ClaudeAiSource.KEY_NAME)).isEmpty();
        assertThat(workspace.claudeAi().settings().enabled()).isFalse();
    }
}
