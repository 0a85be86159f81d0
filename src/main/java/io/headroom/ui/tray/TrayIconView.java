package io.headroom.ui.tray;

/** What {@link DesktopTray} drives: the AWT icon in the app, a recording fake in tests. Callable from any thread. */
public interface TrayIconView {

    void show(TrayState state);

    void proxyRunning(boolean running, String listen);

    void notify(String title, String body, boolean warning);
}
