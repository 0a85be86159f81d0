package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.testing.DesktopTools;
import io.headroom.testing.FakeNotificationService;
import io.headroom.testing.SessionBus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tray on a real X server with a real XEmbed tray host: Xvfb, Debian's trayer on it, and the
 * app's AWT tray in its own JVM ({@link TrayHarness}; this JVM is headless) with DISPLAY pointing
 * there and a private session bus on which a fake notification service listens. What the tray host
 * did is read from the X server itself with xwininfo; what AWT draws, with a screen capture.
 */
class TrayUnderXvfbTest {

    @TempDir
    Path tmp;

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private String display;

    @AfterEach
    void stopAll() throws Exception {
        while (!started.isEmpty()) {
            started.pop().close();
        }
    }

    @Test
    void theIconSitsCentredInTheTrayItsMenuLeadsWithTheStatusLineAndAThresholdNotifiesOnce() throws Exception {
        String xvfb = DesktopTools.require("Xvfb", "xvfb");
        String trayer = DesktopTools.require("trayer", "trayer");
        DesktopTools.require("xwininfo", "x11-utils");
        startDisplay(xvfb);
        Process host = process(new ProcessBuilder(trayer, "--edge", "top", "--align", "right", "--widthtype",
                "request", "--height", "24", "--SetDockType", "true", "--transparent", "false"));
        await("trayer's panel", () -> {
            if (!host.isAlive()) {
                throw new AssertionError("trayer exited: " + Files.readString(tmp.resolve("trayer.log")));
            }
            return tree().contains("\"panel\": (\"panel\" \"trayer\")");
        }, Duration.ofSeconds(15));

        SessionBus bus = SessionBus.start(tmp);
        started.push(bus);
        FakeNotificationService desktop = FakeNotificationService.on(bus.address());
        started.push(desktop);

        Path data = Files.createDirectories(tmp.resolve("data"));
        ProcessBuilder app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "-Xmx256m", "-cp", testClassPath(), TrayHarness.class.getName(),
                data.toString());
        app.environment().put("DBUS_SESSION_BUS_ADDRESS", bus.address());
        Harness tray = new Harness(process(app));

        String installed = tray.expect("installed ");
        assertThat(installed).as("notifications go to the desktop's service, the balloon only as fallback")
                .endsWith(" sink FallbackNotificationSink");

        // embedded by the tray host: the icon's window is inside trayer's panel
        Rectangle slot = await("the icon embedded in the tray", this::embeddedIcon, Duration.ofSeconds(15));

        tray.send("refresh 50 40");
        tray.expect("refreshed");
        // drawn for the slot the host gave (trayer: 24 x 22, not the 24 x 24 AWT reports), centred in it
        int side = Math.min(slot.w, slot.h);
        String centred = "pixels " + (slot.w - side) / 2 + " " + (slot.h - side) / 2 + " " + side + " " + side;
        java.util.concurrent.atomic.AtomicReference<String> drawn = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            await("the icon painted centred", () -> {
                tray.send("pixels " + slot.x + " " + slot.y + " " + slot.w + " " + slot.h);
                drawn.set(tray.expect("pixels "));
                return drawn.get().equals(centred) ? drawn.get() : null;
            }, Duration.ofSeconds(5));
        } catch (AssertionError timedOut) {
            assertThat(drawn.get()).as("the drawing's box (x y w h) in a %dx%d slot", slot.w, slot.h)
                    .isEqualTo(centred);
        }

        tray.send("menu");
        assertThat(tray.expect("menu ")).isEqualTo("menu 5h 50% · resets 16:00 · week 40% | enabled=false"
                + " | tooltip=Headroom · 5h 50% · resets 16:00 · week 40%");

        // hovering shows the tooltip (AWT's own window, a label in it) right where the menu will open
        int cx = slot.x + slot.w / 2;
        int cy = slot.y + slot.h / 2;
        tray.send("move 400 500");
        tray.expect("moved");
        tray.send("move " + cx + " " + cy);
        tray.expect("moved");
        String tooltip = await("the tooltip shown", this::tooltipWindow, Duration.ofSeconds(5));

        // a right click opens the menu: AWT maps its popup window on the X server; the tooltip goes
        tray.send("click 3 " + cx + " " + cy);
        tray.expect("clicked");
        String popup = await("the menu open", () -> viewable("sun-awt-X11-XPopupMenuPeer"), Duration.ofSeconds(5));
        assertThat(popup).isNotNull();
        await("the tooltip out of the menu's way", () -> tooltipWindow() == null ? "hidden" : null,
                Duration.ofSeconds(3));
        assertThat(run("xwininfo", "-id", tooltip)).contains("Map State: IsUnMapped");
        tray.send("click 1 400 500"); // elsewhere: the menu closes
        tray.expect("clicked");
        await("the menu closed", () -> viewable("sun-awt-X11-XPopupMenuPeer") == null ? "closed" : null,
                Duration.ofSeconds(5));
        assertThat(tray.lines()).noneMatch(l -> l.startsWith("action "));

        // a left click on the icon toggles the window
        tray.send("click 1 " + cx + " " + cy);
        tray.expect("action toggleWindow");

        // crossing 80%: one notification, on the desktop's service, within 2 s of the refresh
        long before = System.nanoTime();
        tray.send("refresh 85 40");
        tray.expect("refreshed");
        await("the notification", () -> desktop.received().isEmpty() ? null : "sent", Duration.ofSeconds(5));
        FakeNotificationService.Received got = desktop.received().get(0);
        assertThat(Duration.ofNanos(got.atNanos() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(got.appName()).isEqualTo("Headroom");
        assertThat(got.summary()).isEqualTo("5-hour window at 80%");
        assertThat(got.body()).isEqualTo("85% used · resets in 1 h 20 min (16:00)");
        tray.send("pixels " + slot.x + " " + slot.y + " " + slot.w + " " + slot.h);
        assertThat(tray.expect("pixels ")).as("the new icon drawn in place of the old, centred").isEqualTo(centred);
        tray.send("refresh 86 40");
        tray.expect("refreshed");
        tray.send("pixels " + slot.x + " " + slot.y + " " + slot.w + " " + slot.h);
        assertThat(tray.expect("pixels ")).as("the new icon drawn in place of the old, centred").isEqualTo(centred);
        Thread.sleep(500);
        assertThat(desktop.received()).hasSize(1);
        assertThat(tray.lines()).noneMatch(l -> l.startsWith("balloon "));
        tray.send("menu");
        assertThat(tray.expect("menu ")).startsWith("menu 5h 86% · resets 16:00 · week 40% | enabled=false");
        assertThat(tray.lines()).filteredOn(l -> l.startsWith("action ")).containsExactly("action toggleWindow");

        tray.send("quit");
        tray.expect("bye");
    }

    record Rectangle(int x, int y, int w, int h) {
    }

    private static final Pattern GEOMETRY = Pattern.compile("(\\d+)x(\\d+)[+-]-?\\d+[+-]-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

    /** The icon's window and where it is on screen, once it sits inside trayer's panel. */
    private Rectangle embeddedIcon() {
        String[] lines = tree().split("\n");
        int panelIndent = -1;
        for (String l : lines) {
            int indent = l.length() - l.stripLeading().length();
            if (l.contains("\"panel\": (\"panel\" \"trayer\")")) {
                panelIndent = indent;
            } else if (panelIndent >= 0 && indent <= panelIndent) {
                panelIndent = -1; // past the panel's subtree
            } else if (panelIndent >= 0 && l.contains("\"JavaEmbeddedFrame\": (\"" + TrayHarness.class.getName()
                    .replace('.', '-'))) {
                Matcher m = GEOMETRY.matcher(l);
                if (m.find()) {
                    return new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                }
            }
        }
        return null;
    }

    /** The id of a mapped, viewable window named {@code name}, or null. */
    private String viewable(String name) {
        for (String l : tree().split("\n")) {
            if (l.contains("\"" + name + "\"")) {
                String id = l.strip().split(" ")[0];
                if (run("xwininfo", "-id", id).contains("Map State: IsViewable")) {
                    return id;
                }
            }
        }
        return null;
    }

    /** The viewable top-level window that holds a label, as AWT's X11 tray tooltip does; or null. */
    private String tooltipWindow() {
        String[] lines = tree().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("\"sun-awt-X11-XLabelPeer\"")) {
                int indent = lines[i].length() - lines[i].stripLeading().length();
                for (int j = i - 1; j >= 0; j--) {
                    int pi = lines[j].length() - lines[j].stripLeading().length();
                    if (pi < indent && lines[j].strip().startsWith("0x")) {
                        String id = lines[j].strip().split(" ")[0];
                        if (run("xwininfo", "-id", id).contains("Map State: IsViewable")) {
                            return id;
                        }
                        break;
                    }
                }
            }
        }
        return null;
    }

    private String tree() {
        return run("xwininfo", "-root", "-tree");
    }

    private String run(String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("DISPLAY", display);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Xvfb on the first free display number from :90 (a lock file or socket means taken). */
    private void startDisplay(String xvfb) throws Exception {
        for (int n = 90; n < 190; n++) {
            if (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                continue;
            }
            display = ":" + n;
            Process x = process(new ProcessBuilder(xvfb, display, "-screen", "0", "1024x768x24", "-nolisten", "tcp"));
            Path socket = Path.of("/tmp/.X11-unix/X" + n);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (x.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the socket comes a moment before the server answers
            while (x.isAlive() && !run("xwininfo", "-root").contains("Window id:") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (x.isAlive() && Files.exists(socket)) {
                return;
            }
        }
        throw new AssertionError("Xvfb did not start on any display from :90");
    }

    private Process process(ProcessBuilder pb) throws IOException {
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        pb.redirectErrorStream(true);
        if (pb.redirectOutput() == ProcessBuilder.Redirect.PIPE && !pb.command().get(0).endsWith("java")) {
            pb.redirectOutput(tmp.resolve(Path.of(pb.command().get(0)).getFileName() + ".log").toFile());
        }
        Process p = pb.start();
        started.push(() -> {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        });
        return p;
    }

    /** The test's own class path, for the harness JVM (surefire runs this one from a manifest-only jar). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(String what, Probe<T> probe, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (value instanceof Boolean b ? b : value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The harness's stdin and stdout, a line at a time. */
    static final class Harness {
        private final Writer in;
        private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        private final List<String> seen = new CopyOnWriteArrayList<>();

        Harness(Process p) {
            this.in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null;) {
                        seen.add(l);
                        out.add(l);
                    }
                } catch (IOException ended) {
                    // the harness quit
                }
            }, "tray-harness-out");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
        }

        /** The next line starting with {@code prefix} (others are kept in {@link #lines}), within 20 s. */
        String expect(String prefix) throws InterruptedException {
            Predicate<String> wanted = l -> l.startsWith(prefix);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (true) {
                String l = out.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null) {
                    throw new AssertionError("the tray harness never said \"" + prefix + "…\"; it said: " + seen);
                }
                if (wanted.test(l)) {
                    return l;
                }
            }
        }

        List<String> lines() {
            return new ArrayList<>(seen);
        }
    }
}
