package io.headroom.ui.tray;

import io.headroom.config.Settings;
import io.headroom.domain.notify.Notification;
import io.headroom.service.ProxyService;
import io.headroom.service.WindowsService;
import io.headroom.service.Workspace;
import io.headroom.service.ManualLog;
import io.headroom.service.refresh.RefreshListener;
import io.headroom.ui.dashboard.DashboardWindow;
import io.headroom.ui.notify.NotificationSink;
import io.headroom.work.BackgroundWork;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * The tray's behaviour: keeps the icon in step with each refresh and does what its menu asks.
 * Menu clicks arrive on the AWT event thread and return at once: window work goes to the FX
 * thread with {@code Platform.runLater}, database and proxy work to this class's own thread.
 */
public final class DesktopTray implements SystemTrayIcon.Actions, RefreshListener, NotificationSink {

    private static final Logger LOG = Logger.getLogger(DesktopTray.class.getName());

    private final Workspace workspace;
    private final DashboardWindow window;
    private final TrayIconView icon;
    private final Runnable quit;
    private final ExecutorService work = BackgroundWork.serial("headroom-tray-work");

    /** @param quit ends the app (disposes the window, removes the icon, exits) */
    public DesktopTray(Workspace workspace, DashboardWindow window, TrayIconView icon, Runnable quit) {
        this.workspace = workspace;
        this.window = window;
        this.icon = icon;
        this.quit = quit;
    }

    @Override
    public void refreshed(Instant now, WindowsService.Snapshot snapshot) {
        icon.show(TrayState.of(snapshot.result().fiveHour(), snapshot.result().weekly(), now, snapshot.zone()));
        showProxy();
    }

    @Override
    public void deliver(Notification n, String title, String body) {
        icon.notify(title, body, n.type() != Notification.Type.RESET);
    }

    /** Through the tray's balloon, which AWT turns into the OS's own notification on Windows and macOS. */
    @Override
    public void notice(String title, String body) {
        icon.notify(title, body, false);
    }

    @Override
    public void toggleWindow() {
        Platform.runLater(() -> {
            javafx.stage.Stage stage = window.stage();
            if (stage.isShowing() && !stage.isIconified()) {
                stage.hide(); // the refresh goes on in the background for the icon
            } else {
                window.show();
            }
        });
    }

    @Override
    public void openDashboard() {
        Platform.runLater(window::show);
    }

    @Override
    public void logMessage() {
        background("log a message", () -> {
            new ManualLog(workspace).message(Instant.now(), 1, null);
            window.dashboard().refreshNow();
        });
    }

    @Override
    public void markLimitHit() {
        background("mark the limit hit", () -> {
            Settings s = settings();
            Platform.runLater(() -> {
                LimitHitDialog dialog = new LimitHitDialog(Instant::now, s.zone(), s.theme());
                dialog.setOnHidden(e -> {
                    LimitHitInput.Result r = dialog.getResult();
                    if (r != null && r.error() == null) {
                        background("mark the limit hit", () -> {
                            new ManualLog(workspace).limitHit(r.hitAt(), r.window(), r.resetAt());
                            window.dashboard().refreshNow();
                        });
                    }
                });
                dialog.show();
                dialog.getDialogPane().getScene().getWindow().requestFocus();
            });
        });
    }

    @Override
    public void toggleProxy() {
        background("start or stop the proxy", () -> {
            ProxyService proxy = workspace.proxy();
            if (proxy.running()) {
                proxy.stop();
            } else {
                proxy.start(proxy.defaults().withPort(settings().proxyPortOrDefault()));
            }
            showProxy();
        });
    }

    @Override
    public void quit() {
        work.shutdown();
        quit.run();
    }

    private void showProxy() {
        ProxyService proxy = workspace.proxy();
        var status = proxy.status();
        icon.proxyRunning(status != null, status == null ? null : status.listen());
    }

    private Settings settings() {
        try {
            return workspace.settings();
        } catch (IllegalArgumentException unreadable) {
            return Settings.empty();
        }
    }

    private interface Job {
        void run() throws Exception;
    }

    /** Runs off both toolkit threads; a failure becomes a tray message rather than a silent loss. */
    private void background(String what, Job job) {
        try {
            work.execute(() -> {
                try {
                    job.run();
                } catch (Exception | LinkageError e) {
                    LOG.log(Level.WARNING, "tray: could not " + what, e);
                    icon.notify("Headroom could not " + what, e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getMessage(), true);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException quitting) {
            // the menu was used while quitting
        }
    }
}
