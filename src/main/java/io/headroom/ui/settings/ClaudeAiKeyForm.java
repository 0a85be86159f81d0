package io.headroom.ui.settings;

import io.headroom.sources.claudeai.ClaudeAiAccount;
import io.headroom.ui.view.ViewContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;

/**
 * The claude.ai tile: where to find the session key, a masked field for it, Save (into the
 * secret store, on the views' background thread) and Turn off. The field is emptied once saved,
 * so the key does not stay in the scene; messages never repeat it.
 */
final class ClaudeAiKeyForm {

    private final ViewContext context;
    private final PasswordField key;
    private final Button save;
    private final Button off;
    private final Label message;
    private final Runnable sourcesChanged;

    ClaudeAiKeyForm(ViewContext context, Label howTo, PasswordField key, Button save, Button off, Label message,
            Runnable sourcesChanged) {
        this.context = context;
        this.key = key;
        this.save = save;
        this.off = off;
        this.message = message;
        this.sourcesChanged = sourcesChanged;
        howTo.setText(ClaudeAiAccount.WHERE_TO_FIND);
        save.disableProperty().bind(key.textProperty().isEmpty());
        save.setOnAction(e -> run(key.getText()));
        off.setOnAction(e -> run(null));
        context.load(this::describe, message::setText, failure -> { });
    }

    private String describe() throws Exception {
        ClaudeAiAccount account = context.workspace().claudeAi();
        if (!account.settings().enabled()) {
            return "Off.";
        }
        String warning = account.secrets().warning();
        return "On: the key is kept in " + account.secrets().displayName() + "." + (warning == null ? ""
                : " Warning: " + warning);
    }

    private void run(String newKey) {
        off.setDisable(true);
        message.getStyleClass().remove("error");
        context.load(() -> {
            ClaudeAiAccount account = context.workspace().claudeAi();
            if (newKey == null) {
                account.turnOff();
                return "Off: the key was removed from " + account.secrets().displayName() + ".";
            }
            account.saveKey(newKey);
            return describe() + " Headroom asks claude.ai at the next refresh.";
        }, done -> {
            off.setDisable(false);
            key.clear();
            message.setText(done);
            sourcesChanged.run();
        }, failure -> {
            off.setDisable(false);
            message.getStyleClass().add("error");
            message.setText("Not saved: " + failure);
        });
    }
}
