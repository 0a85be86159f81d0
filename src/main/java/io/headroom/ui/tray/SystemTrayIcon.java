package io.headroom.ui.tray;

import java.awt.AWTException;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The AWT tray icon and its menu (JavaFX has no tray). Every AWT call runs on the AWT event
 * thread; menu actions arrive there and must hand their work on at once (see {@link Actions}).
 * Nothing here waits on the FX thread.
 */
public final class SystemTrayIcon implements TrayIconView {

    private static final Logger LOG = Logger.getLogger(SystemTrayIcon.class.getName());

    /** What the menu does; each is called on the AWT event thread and must return at once. */
    public interface Actions {
        void openDashboard();

        void logMessage();

        void markLimitHit();

        void toggleProxy();

        void quit();
    }

    private final TrayIcon icon;
    private final MenuItem proxyItem;
    private final int size;

    private SystemTrayIcon(TrayIcon icon, MenuItem proxyItem, int size) {
        this.icon = icon;
        this.proxyItem = proxyItem;
        this.size = size;
    }

    /**
     * Whether this desktop has a tray: false headless, and on GNOME without the AppIndicator
     * extension; any failure to ask counts as no.
     */
    public static boolean available() {
        try {
            return !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no system tray", e);
            return false;
        }
    }

    /** Adds the icon on the AWT event thread; fails (exceptionally) where there is no tray after all. */
    public static CompletableFuture<SystemTrayIcon> install(TrayState state, Actions actions) {
        CompletableFuture<SystemTrayIcon> result = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                SystemTray tray = SystemTray.getSystemTray();
                int size = Math.max(16, Math.min(tray.getTrayIconSize().width, tray.getTrayIconSize().height));
                PopupMenu menu = new PopupMenu();
                menu.add(item("Open dashboard", actions::openDashboard));
                menu.addSeparator();
                menu.add(item("Log a message (+1)", actions::logMessage));
                menu.add(item("Mark limit hit…", actions::markLimitHit));
                menu.addSeparator();
                MenuItem proxy = item("Start proxy", actions::toggleProxy);
                menu.add(proxy);
                menu.addSeparator();
                menu.add(item("Quit Headroom", actions::quit));
                TrayIcon icon = new TrayIcon(image(state, size), state.tooltip(), menu);
                icon.setImageAutoSize(false);
                icon.addActionListener(e -> actions.openDashboard()); // double click (Windows, most Linux trays)
                tray.add(icon);
                result.complete(new SystemTrayIcon(icon, proxy, size));
            } catch (AWTException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Drawn at the tray's size and at twice it, so a HiDPI tray picks the sharp one instead of scaling up. */
    private static java.awt.Image image(TrayState state, int size) {
        return new java.awt.image.BaseMultiResolutionImage(TrayIconPainter.paint(state, size),
                TrayIconPainter.paint(state, size * 2));
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    /** Redraws the icon and tooltip (from any thread). */
    @Override
    public void show(TrayState state) {
        java.awt.Image image = image(state, size);
        EventQueue.invokeLater(() -> {
            icon.setImage(image);
            icon.setToolTip(state.tooltip());
        });
    }

    /** The proxy item says what it will do: "Stop proxy (http://127.0.0.1:8787)" while running, else "Start proxy". */
    @Override
    public void proxyRunning(boolean running, String listen) {
        EventQueue.invokeLater(() -> proxyItem.setLabel(running ? "Stop proxy (" + listen + ")" : "Start proxy"));
    }

    /** A balloon or desktop notification from the tray (from any thread). */
    @Override
    public void notify(String title, String body, boolean warning) {
        EventQueue.invokeLater(() -> icon.displayMessage(title, body,
                warning ? TrayIcon.MessageType.WARNING : TrayIcon.MessageType.INFO));
    }

    /** Takes the icon away (quitting); AWT can then shut its threads down. */
    public void remove() {
        EventQueue.invokeLater(() -> SystemTray.getSystemTray().remove(icon));
    }
}
