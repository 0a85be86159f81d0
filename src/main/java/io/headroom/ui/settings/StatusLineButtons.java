package io.headroom.ui.settings;

import io.headroom.service.StatusLineSetup;
import io.headroom.ui.view.ViewContext;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/**
 * Install and Uninstall for Claude Code's statusLine, as {@code headroom statusline --install}
 * does it, on the views' background thread; the outcome (or what went wrong) shows below them.
 */
final class StatusLineButtons {

    private final ViewContext context;
    private final Button install;
    private final Button uninstall;
    private final Label message;

    StatusLineButtons(ViewContext context, Button install, Button uninstall, Label message) {
        this.context = context;
        this.install = install;
        this.uninstall = uninstall;
        this.message = message;
        install.setOnAction(e -> run(true));
        uninstall.setOnAction(e -> run(false));
    }

    private void run(boolean installing) {
        busy(true);
        message.getStyleClass().remove("error");
        message.setText(installing ? "Installing…" : "Removing…");
        context.load(() -> {
            var ws = context.workspace();
            Path file = ws.claudeSettingsFile();
            Path data = ws.dataDirectory().path();
            StatusLineSetup.Outcome o = installing ? StatusLineSetup.installThisHook(file, data, Instant.now())
                    : StatusLineSetup.uninstall(file, data, Instant.now());
            return o.message() + (o.backup() == null ? "" : " Backup of the previous settings: " + o.backup());
        }, done -> {
            busy(false);
            message.setText(done);
        }, failure -> {
            busy(false);
            message.getStyleClass().add("error");
            message.setText("Not done: " + failure);
        });
    }

    private void busy(boolean b) {
        install.setDisable(b);
        uninstall.setDisable(b);
    }
}
