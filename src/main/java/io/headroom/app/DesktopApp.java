package io.headroom.app;

import io.headroom.config.OneTimeNotices;
import io.headroom.config.SentLedgerFile;
import io.headroom.config.Settings;
import io.headroom.service.Workspace;
import io.headroom.ui.dashboard.DashboardWindow;
import io.headroom.ui.notify.DesktopNotifications;
import io.headroom.ui.notify.FreedesktopNotificationSink;
import io.headroom.ui.notify.NotificationCenter;
import io.headroom.ui.notify.NotificationSink;
import io.headroom.ui.notify.PopupNotificationSink;
import io.headroom.ui.tray.DesktopTray;
import io.headroom.ui.tray.NoTrayNotice;
import io.headroom.ui.tray.StillInTrayHint;
import io.headroom.ui.tray.SystemTrayIcon;
import io.headroom.ui.tray.TrayState;
import io.headroom.work.BackgroundWork;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.stage.WindowEvent;

/**
 * The desktop app once JavaFX runs: the dashboard first, then (off the FX thread, since AWT
 * start-up is slow) the tray and notifications. With a tray, closing the window keeps Headroom
 * there and only Quit ends it (the first close says so, once); without one, closing quits, and the
 * user is told so once. Notifications are the desktop's own where it has a service for them.
 */
final class DesktopApp {

    private static final Logger LOG = Logger.getLogger(DesktopApp.class.getName());

    private final Workspace workspace;
    private final SingleInstance instance;
    private final DashboardWindow window;
    private final AtomicBoolean quitting = new AtomicBoolean();
    private volatile SystemTrayIcon icon;
    private volatile StillInTrayHint stillInTray;

    private DesktopApp(Workspace workspace, SingleInstance instance) {
        this.workspace = workspace;
        this.instance = instance;
        this.window = new DashboardWindow(workspace);
    }

    /** On the FX thread. */
    static DesktopApp start(Workspace workspace, SingleInstance instance) {
        io.headroom.ui.view.IdlePulses.install(); // JavaFX's pulses pause when idle on Linux too
        DesktopApp app = new DesktopApp(workspace, instance);
        app.window.stage().addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            if (app.icon == null) {
                app.quit(); // no tray to stay in
            }
        });
        app.window.stage().addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> {
            StillInTrayHint hint = app.stillInTray;
            if (app.icon != null && hint != null) {
                BackgroundWork.start("headroom-tray-hint", hint::windowClosed); // it writes a marker file
            }
        });
        app.window.show();
        BackgroundWork.start("headroom-tray-start", app::startTrayAndNotifications);
        return app;
    }

    /** Brings the window forward (a second launch asked); from any thread. */
    void showWindow() {
        Platform.runLater(window::show);
    }

    private void startTrayAndNotifications() {
        Settings settings;
        try {
            settings = workspace.settings();
        } catch (IllegalArgumentException unreadable) {
            settings = Settings.empty();
        }
        boolean wanted = settings.trayEnabled();
        NoTrayNotice.Reason reason = NoTrayNotice.reason(wanted, wanted && SystemTrayIcon.available());
        if (reason == null) {
            try {
                SystemTrayIcon added = SystemTrayIcon.install(TrayState.starting(), new LateActions()).get();
                DesktopTray tray = new DesktopTray(workspace, window, added, this::quit);
                actions = tray;
                Platform.runLater(() -> {
                    // only now: without an icon the user could not quit once the window is closed
                    Platform.setImplicitExit(false);
                    window.setStaysInBackground(true);
                    icon = added; // on the FX thread, so a close is either before (quits) or after (stays)
                });
                NotificationSink sink = DesktopNotifications.choose(System.getProperty("os.name"),
                        FreedesktopNotificationSink.sessionBus(), tray);
                stillInTray = new StillInTrayHint(workspace.dataDirectory().path(), sink);
                window.dashboard().addRefreshListener(tray);
                window.dashboard().addRefreshListener(notifications(sink));
                window.dashboard().refreshNow();
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "the system tray refused the icon; closing the window will quit", e);
                reason = NoTrayNotice.Reason.NOT_SUPPORTED;
            }
        }
        window.dashboard().addRefreshListener(notifications(DesktopNotifications.choose(System.getProperty("os.name"),
                FreedesktopNotificationSink.sessionBus(), new PopupNotificationSink(window.stage()))));
        NoTrayNotice.Reason why = reason;
        if (new OneTimeNotices(workspace.dataDirectory().path()).firstTime(NoTrayNotice.noticeName(why))) {
            Platform.runLater(() -> NoTrayNotice.show(window.stage(), why));
        }
    }

    private NotificationCenter notifications(NotificationSink sink) {
        return new NotificationCenter(workspace.dataDirectory().file(SentLedgerFile.FILE), workspace::settings, sink);
    }

    private volatile SystemTrayIcon.Actions actions;

    /** The menu exists a moment before the tray's behaviour does; clicks in between are ignored. */
    private final class LateActions implements SystemTrayIcon.Actions {
        @Override
        public void toggleWindow() {
            if (actions != null) {
                actions.toggleWindow();
            }
        }

        @Override
        public void openDashboard() {
            if (actions != null) {
                actions.openDashboard();
            }
        }

        @Override
        public void logMessage() {
            if (actions != null) {
                actions.logMessage();
            }
        }

        @Override
        public void markLimitHit() {
            if (actions != null) {
                actions.markLimitHit();
            }
        }

        @Override
        public void toggleProxy() {
            if (actions != null) {
                actions.toggleProxy();
            }
        }

        @Override
        public void quit() {
            if (actions != null) {
                actions.quit();
            } else {
                DesktopApp.this.quit();
            }
        }
    }

    /**
     * Ends everything: the refresh, the icon, the single-instance port, JavaFX, then the JVM
     * (the shutdown hook closes the workspace: the proxy's queue and the database).
     */
    void quit() {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        Runnable close = () -> {
            window.dispose();
            window.stage().hide();
        };
        if (Platform.isFxApplicationThread()) {
            close.run(); // the window just closed: JavaFX may exit right after this handler
        } else {
            Platform.runLater(close);
        }
        SystemTrayIcon i = icon;
        if (i != null) {
            i.remove();
        }
        BackgroundWork.startKeepingAlive("headroom-quit", () -> {
            try {
                window.awaitStopped(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (instance != null) {
                instance.close();
            }
            Platform.exit();
            System.exit(0);
        });
    }
}
