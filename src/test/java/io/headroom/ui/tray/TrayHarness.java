package io.headroom.ui.tray;

import io.headroom.config.SentLedgerFile;
import io.headroom.config.Settings;
import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.windows.Forecast;
import io.headroom.domain.windows.Measures;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.service.WindowsService;
import io.headroom.ui.notify.DesktopNotifications;
import io.headroom.ui.notify.FreedesktopNotificationSink;
import io.headroom.ui.notify.NotificationCenter;
import io.headroom.ui.notify.NotificationSink;
import java.awt.EventQueue;
import java.awt.MenuItem;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TrayIcon;
import java.awt.event.InputEvent;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The app's tray on a real display, for {@link TrayUnderXvfbTest} (run in its own JVM with DISPLAY
 * set, since the test JVM is headless): the AWT icon and menu, and the notifications chain as the
 * desktop app wires them (the desktop's service on the session bus, the balloon otherwise). Reads
 * commands on stdin and answers on stdout, one line each.
 */
public final class TrayHarness {

    static final ZoneId ZONE = ZoneId.of("Europe/Madrid");
    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant NOW = START.plus(Duration.ofHours(3).plusMinutes(40)); // 14:40 Madrid, resets 16:00
    static final Forecast F = new Forecast(Forecast.State.WITHIN_LIMIT, null, null, null, null, null, null, "");

    private TrayHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        SystemTrayIcon.Actions actions = new SystemTrayIcon.Actions() {
            @Override
            public void toggleWindow() {
                say("action toggleWindow");
            }

            @Override
            public void openDashboard() {
                say("action openDashboard");
            }

            @Override
            public void logMessage() {
                say("action logMessage");
            }

            @Override
            public void markLimitHit() {
                say("action markLimitHit");
            }

            @Override
            public void toggleProxy() {
                say("action toggleProxy");
            }

            @Override
            public void quit() {
                say("action quit");
            }
        };
        SystemTrayIcon icon = SystemTrayIcon.install(TrayState.starting(), actions).get();
        NotificationSink balloon = new NotificationSink() { // the tray's balloon in the app; here it only tells
            @Override
            public void deliver(io.headroom.domain.notify.Notification n, String title, String body) {
                say("balloon " + title);
            }

            @Override
            public void notice(String title, String body) {
                say("balloon " + title);
            }
        };
        NotificationSink sink = DesktopNotifications.choose("Linux", FreedesktopNotificationSink.sessionBus(), balloon);
        NotificationCenter center = new NotificationCenter(data.resolve(SentLedgerFile.FILE), Settings::empty, sink);
        say("installed " + icon.slot().width + "x" + icon.slot().height + " sink " + sink.getClass().getSimpleName());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Robot robot = new Robot();
        for (String line; (line = in.readLine()) != null;) {
            String[] c = line.trim().split(" ");
            switch (c[0]) {
                case "refresh" -> {
                    WindowsService.Snapshot s = snapshot(Double.parseDouble(c[1]), Double.parseDouble(c[2]));
                    icon.show(TrayState.of(s.result().fiveHour(), s.result().weekly(), NOW, ZONE));
                    center.refreshed(NOW, s);
                    // show() hands the image to the event thread, and AWT's peer repaints it in a later event:
                    // "refreshed" means drawn, so a capture never races the peer's clear-then-draw
                    EventQueue.invokeAndWait(() -> { });
                    EventQueue.invokeAndWait(() -> { });
                    java.awt.Toolkit.getDefaultToolkit().sync();
                    say("refreshed");
                }
                case "menu" -> {
                    AtomicReference<String> first = new AtomicReference<>();
                    EventQueue.invokeAndWait(() -> {
                        TrayIcon ti = java.awt.SystemTray.getSystemTray().getTrayIcons()[0];
                        MenuItem item = ti.getPopupMenu().getItem(0);
                        first.set(item.getLabel() + " | enabled=" + item.isEnabled() + " | tooltip="
                                + ti.getToolTip());
                    });
                    say("menu " + first.get());
                }
                case "click" -> {
                    int button = Integer.parseInt(c[1]) == 3 ? InputEvent.BUTTON3_DOWN_MASK : InputEvent.BUTTON1_DOWN_MASK;
                    robot.mouseMove(Integer.parseInt(c[2]), Integer.parseInt(c[3]));
                    robot.delay(150);
                    robot.mousePress(button);
                    robot.delay(60);
                    robot.mouseRelease(button);
                    robot.waitForIdle();
                    say("clicked");
                }
                case "move" -> {
                    robot.mouseMove(Integer.parseInt(c[1]), Integer.parseInt(c[2]));
                    robot.waitForIdle();
                    say("moved");
                }
                case "pixels" -> {
                    Rectangle r = new Rectangle(Integer.parseInt(c[1]), Integer.parseInt(c[2]), Integer.parseInt(c[3]),
                            Integer.parseInt(c[4]));
                    say("pixels " + bounds(robot.createScreenCapture(r)));
                }
                case "quit" -> {
                    icon.remove();
                    say("bye");
                    System.exit(0);
                }
                default -> say("unknown " + line);
            }
        }
        System.exit(0);
    }

    /** Where the drawing is: the box of pixels unlike the slot's corner (the tray's background). */
    static String bounds(BufferedImage img) {
        int bg = img.getRGB(0, 0);
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (img.getRGB(x, y) != bg) {
                    minX = Math.min(minX, x);
                    minY = Math.min(minY, y);
                    maxX = Math.max(maxX, x);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? "none" : minX + " " + minY + " " + (maxX - minX + 1) + " " + (maxY - minY + 1);
    }

    static WindowsService.Snapshot snapshot(double five, double week) {
        WindowStatus f = new WindowStatus(LimitWindow.FIVE_HOUR, new Window(START, START.plus(Duration.ofHours(5)),
                Provenance.OFFICIAL), new Measures(0, 0, 0, 0, 0), five, Provenance.OFFICIAL, null, null, List.of(), F);
        WindowStatus w = new WindowStatus(LimitWindow.WEEKLY, new Window(Instant.parse("2026-11-23T08:00:00Z"),
                Instant.parse("2026-11-30T08:00:00Z"), Provenance.OFFICIAL), new Measures(0, 0, 0, 0, 0), week,
                Provenance.OFFICIAL, null, null, List.of(), F);
        return new WindowsService.Snapshot(new WindowEngine.Result(NOW, f, w, List.of(), List.of()), ZONE, null, null,
                Settings.empty());
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
