package io.headroom.ui.view;

import io.headroom.proxy.ProxyConfig;
import io.headroom.service.Autostart;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the views take from outside the workspace: how the proxy's configuration is finished
 * (tests point it at a fake upstream) and the login-autostart entry (tests keep it in a temp home).
 */
public record ViewWiring(UnaryOperator<ProxyConfig> proxyConfig, Supplier<Autostart> autostart) {

    public static ViewWiring defaults() {
        return new ViewWiring(c -> c, () -> new Autostart(System.getProperty("os.name"), System.getenv(),
                Path.of(System.getProperty("user.home")), Autostart.currentCommand()));
    }
}
