package io.headroom.ui.api;

import io.headroom.proxy.ProxyConfig;
import io.headroom.service.ProxyService;
import io.headroom.ui.view.ViewContext;
import java.util.function.UnaryOperator;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;

/**
 * The proxy's row on the API tab: state, port (checked as typed), Start/Stop run on the views'
 * background thread, and the {@code ANTHROPIC_BASE_URL} line for the port in use.
 */
final class ProxyControls {

    private final ViewContext context;
    private final ProxyService proxy;
    private final UnaryOperator<ProxyConfig> configure;
    private final Label proxyState;
    private final TextField portField;
    private final Label portError;
    private final Button startStop;
    private final Label exportLine;
    private final Label proxyMessage;
    private boolean busy;

    ProxyControls(ViewContext context, UnaryOperator<ProxyConfig> configure, Label proxyState, TextField portField,
            Label portError, Button startStop, Label exportLine, Label proxyMessage) {
        this.context = context;
        this.proxy = context.workspace().proxy();
        this.configure = configure;
        this.proxyState = proxyState;
        this.portField = portField;
        this.portError = portError;
        this.startStop = startStop;
        this.exportLine = exportLine;
        this.proxyMessage = proxyMessage;
        portField.setText(Integer.toString(ProxyConfig.DEFAULT_PORT));
        portField.textProperty().addListener((o, a, b) -> validatePort());
        startStop.setOnAction(e -> startOrStop());
        showState();
    }

    /** The port from the settings, unless the proxy runs or the user is typing one. */
    void offerPort(int port) {
        if (!proxy.running() && !busy && portError.getText().isEmpty()) {
            portField.setText(Integer.toString(port));
        }
    }

    private Integer validatePort() {
        ApiViewModel.PortCheck check = ApiViewModel.checkPort(portField.getText());
        portError.setText(check.valid() ? "" : check.error());
        startStop.setDisable(ApiViewModel.startStopDisabled(busy, proxy.running(), check.valid()));
        if (check.valid() && !proxy.running()) {
            exportLine.setText(ApiViewModel.exportLine(check.port()));
        }
        return check.port();
    }

    private void startOrStop() {
        if (busy) {
            return;
        }
        boolean stopping = proxy.running();
        Integer port = stopping ? null : validatePort();
        if (!stopping && port == null) {
            return;
        }
        busy = true;
        proxyMessage.getStyleClass().remove("error");
        proxyMessage.setText(stopping ? "Stopping…" : ApiViewModel.starting(port));
        showState();
        context.load(() -> {
            if (stopping) {
                return ApiViewModel.stopped(proxy.stop());
            }
            var running = proxy.start(configure.apply(proxy.defaults().withPort(port)));
            return ApiViewModel.recording(running.baseUrl(), running.config().upstream());
        }, message -> {
            busy = false;
            proxyMessage.setText(message);
            showState();
        }, failure -> {
            busy = false;
            proxyMessage.setText("The proxy did not start: " + failure);
            proxyMessage.getStyleClass().add("error");
            showState();
        });
    }

    /** Follows the proxy, which the tray or the app's start may also start. */
    void showState() {
        var status = proxy.status();
        boolean running = status != null;
        proxyState.setText(running ? "running" : "stopped");
        proxyState.getStyleClass().remove("running");
        if (running) {
            proxyState.getStyleClass().add("running");
            int port = java.net.URI.create(status.listen()).getPort();
            exportLine.setText(ApiViewModel.exportLine(port));
            if (!portField.isDisabled()) {
                portField.setText(Integer.toString(port));
            }
        } else if (exportLine.getText() == null || exportLine.getText().isEmpty()) {
            validatePort();
        }
        portField.setDisable(running || busy);
        startStop.setText(running ? "Stop" : "Start");
        startStop.setDisable(ApiViewModel.startStopDisabled(busy, running, portError.getText().isEmpty()));
    }
}
