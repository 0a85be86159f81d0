package io.headroom.ui.tray;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.Window;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
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
        /** A click on the icon: shows and focuses the window when hidden or iconified, hides it when showing. */
        void toggleWindow();

        void openDashboard();

        void logMessage();

        void markLimitHit();

        void toggleProxy();

        void quit();
    }

    /** The X11 tray's tooltip window (AWT's own, a plain {@link Window}); it would cover the menu. */
    private static final String X11_TOOLTIP = "InfoWindow$Tooltip";
    /**
     * The X11 tray's window around the icon (AWT's own, a plain {@link java.awt.Frame}). The tray host
     * sizes it, often not to the 24 x 24 that {@code getTrayIconSize} reports (trayer: 24 x 22), and
     * AWT draws the image 1:1 from its top-left corner: so the icon follows its real size.
     */
    private static final String X11_SLOT = "XTrayIconEmbeddedFrame";

    private final TrayIcon icon;
    private final MenuItem statusItem;
    private final MenuItem proxyItem;
    /** Written on the AWT event thread, read by {@link #show} on any. */
    private volatile Dimension slot;
    /** Touched only on the AWT event thread. */
    private TrayState shown;
    private boolean tooltipSuppressed;

    private SystemTrayIcon(TrayIcon icon, MenuItem statusItem, MenuItem proxyItem, Dimension slot, TrayState shown) {
        this.icon = icon;
        this.statusItem = statusItem;
        this.proxyItem = proxyItem;
        this.slot = slot;
        this.shown = shown;
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
                Dimension slot = slot(tray.getTrayIconSize());
                PopupMenu menu = new PopupMenu();
                MenuItem status = new MenuItem(state.statusLine());
                status.setEnabled(false); // a heading, not a command
                menu.add(status);
                menu.addSeparator();
                menu.add(item("Open dashboard", actions::openDashboard));
                menu.addSeparator();
                menu.add(item("Log a message (+1)", actions::logMessage));
                menu.add(item("Mark limit hit…", actions::markLimitHit));
                menu.addSeparator();
                MenuItem proxy = item("Start proxy", actions::toggleProxy);
                menu.add(proxy);
                menu.addSeparator();
                menu.add(item("Quit Headroom", actions::quit));
                TrayIcon icon = new TrayIcon(image(state, slot), state.tooltip(), menu);
                icon.setImageAutoSize(false); // drawn at the slot's size already; AWT's scaling blurs it
                // one click on Linux and macOS, a double click on Windows
                icon.addActionListener(e -> actions.toggleWindow());
                SystemTrayIcon view = new SystemTrayIcon(icon, status, proxy, slot, state);
                icon.addMouseListener(view.new TooltipOutOfTheMenusWay());
                java.util.List<Window> before = java.util.List.of(Window.getWindows());
                tray.add(icon);
                for (Window w : Window.getWindows()) {
                    if (!before.contains(w) && w.getClass().getName().endsWith(X11_SLOT)) {
                        w.addComponentListener(view.new SlotFollower());
                    }
                }
                result.complete(view);
            } catch (AWTException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The tray's slot, or 24 x 24 (the X11 default) when it reports nothing usable. */
    static Dimension slot(Dimension reported) {
        if (reported == null || reported.width < 8 || reported.height < 8) {
            return new Dimension(24, 24);
        }
        return new Dimension(reported.width, reported.height);
    }

    /** Drawn at the slot's size and at twice it, so a HiDPI tray picks the sharp one instead of scaling up. */
    private static java.awt.Image image(TrayState state, Dimension slot) {
        return new java.awt.image.BaseMultiResolutionImage(TrayIconPainter.paint(state, slot.width, slot.height),
                TrayIconPainter.paint(state, slot.width * 2, slot.height * 2));
    }

    private static MenuItem item(String label, Runnable action) {
        MenuItem item = new MenuItem(label);
        item.addActionListener(e -> action.run());
        return item;
    }

    /**
     * Redraws the icon, tooltip and status line (from any thread). The new image is painted in full
     * before it replaces the old one, and an unchanged icon is not replaced at all, so the icon never
     * blinks blank during a refresh.
     */
    @Override
    public void show(TrayState state) {
        java.awt.Image image = image(state, slot);
        EventQueue.invokeLater(() -> {
            if (!sameIcon(shown, state)) {
                icon.setImage(image);
            }
            shown = state;
            statusItem.setLabel(state.statusLine());
            if (!tooltipSuppressed) {
                icon.setToolTip(state.tooltip());
            }
        });
    }

    static boolean sameIcon(TrayState a, TrayState b) {
        return a != null && a.iconText().equals(b.iconText()) && a.level() == b.level() && a.fraction() == b.fraction();
    }

    /** What the menu's first item says now (AWT event thread). */
    String statusLine() {
        return statusItem.getLabel();
    }

    /** The slot the icon was drawn for. */
    public Dimension slot() {
        return new Dimension(slot);
    }

    /** Redraws the icon for the size the tray host gave its slot. */
    private final class SlotFollower extends java.awt.event.ComponentAdapter {
        @Override
        public void componentResized(java.awt.event.ComponentEvent e) {
            Dimension real = e.getComponent().getSize();
            if (real.width >= 8 && real.height >= 8 && !real.equals(slot)) {
                slot = new Dimension(real);
                icon.setImage(image(shown, slot));
            }
        }
    }

    /**
     * The X11 tooltip opens at the pointer, where the menu opens too, and stays for ten seconds:
     * a press on the icon hides it and keeps it away until the pointer comes back.
     */
    private final class TooltipOutOfTheMenusWay extends MouseAdapter {
        @Override
        public void mousePressed(MouseEvent e) {
            tooltipSuppressed = true;
            icon.setToolTip(null);
            for (Window w : Window.getWindows()) {
                if (w.isVisible() && w.getClass().getName().endsWith(X11_TOOLTIP)) {
                    w.setVisible(false);
                }
            }
        }

        @Override
        public void mouseEntered(MouseEvent e) {
            if (tooltipSuppressed) {
                tooltipSuppressed = false;
                icon.setToolTip(shown.tooltip());
            }
        }
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
