package io.headroom.ui.settings;

import io.headroom.config.TeamSettings;
import io.headroom.service.TeamServices;
import io.headroom.ui.view.ViewContext;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The "Team and telemetry" tile: the receiver, the metrics endpoint and the push with their
 * fields, checked as typed by {@link TeamViewModel}; Apply saves and starts or stops the parts on
 * the views' background thread. The header field is a secret: emptied once saved, never shown back.
 */
final class TeamForm {

    /** The tile's controls, as the FXML names them. */
    record Controls(Label privacy, CheckBox receiveTelemetry, TextField telemetryPort, Label telemetryPortError,
            Label telemetryLines, Button copyTelemetryLines, CheckBox serveMetrics, TextField metricsBind,
            TextField metricsPort, Label metricsError, Label metricsWarning, CheckBox push, TextField pushUrl,
            ComboBox<String> pushProtocol, TextField pushInterval, PasswordField pushHeaders, Label pushHeadersNote,
            Label pushError, TextField user, TextField host, Label aliasError, CheckBox projectNames, Button apply,
            Label message, Label running) {
    }

    /** What the tile starts from, read off the FX thread. */
    private record Loaded(TeamSettings saved, String secretStore, List<String> running) {
    }

    private final ViewContext context;
    private final Controls c;
    private final Runnable sourcesChanged;
    private TeamViewModel.Checked checked;

    TeamForm(ViewContext context, Controls controls, Runnable sourcesChanged) {
        this.context = context;
        this.c = controls;
        this.sourcesChanged = sourcesChanged;
        c.privacy().setText(TeamViewModel.PRIVACY);
        c.pushProtocol().getItems().setAll(TeamSettings.PROTOBUF, TeamSettings.JSON);
        c.user().setPromptText(System.getProperty("user.name", ""));
        c.host().setPromptText("this computer's name");
        for (TextField f : List.of(c.telemetryPort(), c.metricsBind(), c.metricsPort(), c.pushUrl(), c.pushInterval(),
                c.user(), c.host())) {
            f.textProperty().addListener((o, a, b) -> check());
        }
        for (CheckBox b : List.of(c.receiveTelemetry(), c.serveMetrics(), c.push(), c.projectNames())) {
            b.selectedProperty().addListener((o, a, x) -> check());
        }
        c.pushProtocol().valueProperty().addListener((o, a, b) -> check());
        c.copyTelemetryLines().setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(c.telemetryLines().getText());
            Clipboard.getSystemClipboard().setContent(content);
            c.copyTelemetryLines().setText("Copied");
        });
        c.apply().setOnAction(e -> apply());
        c.apply().setDisable(true);
        context.load(() -> new Loaded(context.workspace().teamSettings(), context.workspace().secrets().displayName(),
                context.workspace().team().running()), loaded -> {
                    fill(TeamViewModel.Fields.of(loaded.saved()));
                    c.pushHeadersNote().setText("A header for the collector, such as its bearer token, is kept in "
                            + loaded.secretStore() + "; leave the field empty to keep the saved one.");
                    showRunning(loaded.running());
                }, failure -> c.message().setText("Cannot read the team settings: " + failure));
    }

    private void fill(TeamViewModel.Fields f) {
        c.receiveTelemetry().setSelected(f.receiveTelemetry());
        c.telemetryPort().setText(f.telemetryPort());
        c.serveMetrics().setSelected(f.serveMetrics());
        c.metricsBind().setText(f.metricsBind());
        c.metricsPort().setText(f.metricsPort());
        c.push().setSelected(f.push());
        c.pushUrl().setText(f.pushUrl());
        c.pushProtocol().setValue(f.pushProtocol());
        c.pushInterval().setText(f.pushInterval());
        c.user().setText(f.user());
        c.host().setText(f.host());
        c.projectNames().setSelected(f.projectNames());
        check();
    }

    private TeamViewModel.Fields fields() {
        return new TeamViewModel.Fields(c.receiveTelemetry().isSelected(), c.telemetryPort().getText(),
                c.serveMetrics().isSelected(), c.metricsPort().getText(), c.metricsBind().getText(),
                c.push().isSelected(), c.pushUrl().getText(), c.pushProtocol().getValue(), c.pushInterval().getText(),
                c.user().getText(), c.host().getText(), c.projectNames().isSelected());
    }

    private void check() {
        TeamViewModel.Fields f = fields();
        checked = TeamViewModel.check(f);
        Map<String, String> e = checked.errors();
        show(c.telemetryPortError(), e.get(TeamViewModel.TELEMETRY_PORT), c.telemetryPort());
        show(c.metricsError(), first(e.get(TeamViewModel.METRICS_BIND), e.get(TeamViewModel.METRICS_PORT)),
                c.metricsPort(), c.metricsBind());
        show(c.pushError(), first(e.get(TeamViewModel.PUSH_URL), e.get(TeamViewModel.PUSH_INTERVAL)), c.pushUrl(),
                c.pushInterval());
        show(c.aliasError(), e.get(TeamViewModel.ALIAS), c.user(), c.host());
        String warning = f.serveMetrics() ? TeamViewModel.bindWarning(f.metricsBind()) : null;
        c.metricsWarning().setText(warning == null ? "" : warning);
        c.metricsWarning().setManaged(warning != null);
        c.telemetryLines().setText(TeamViewModel.linesToPaste(f.telemetryPort()));
        c.copyTelemetryLines().setText("Copy");
        c.apply().setDisable(!checked.valid());
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static void show(Label error, String message, TextField... fields) {
        error.setText(message == null ? "" : message);
        error.setManaged(message != null);
        for (TextField f : fields) {
            f.getStyleClass().remove("invalid");
            if (message != null) {
                f.getStyleClass().add("invalid");
            }
        }
    }

    private void apply() {
        TeamSettings wanted = checked.settings();
        String headers = c.pushHeaders().getText().isBlank() ? null : c.pushHeaders().getText();
        c.apply().setDisable(true);
        c.message().getStyleClass().remove("error");
        c.message().setText("Applying…");
        context.load(() -> context.workspace().team().saveAndApply(wanted, headers), (TeamServices.Applied done) -> {
            c.pushHeaders().clear();
            c.apply().setDisable(false);
            if (done.problems().isEmpty()) {
                c.message().setText("Saved.");
            } else {
                c.message().getStyleClass().add("error");
                c.message().setText(String.join(" ", done.problems()));
            }
            showRunning(done.running());
            sourcesChanged.run();
        }, failure -> {
            c.apply().setDisable(false);
            c.message().getStyleClass().add("error");
            c.message().setText("Not saved: " + failure);
        });
    }

    private void showRunning(List<String> running) {
        c.running().setText(running.isEmpty() ? "Nothing is exported or received now." : String.join("\n", running));
    }
}
