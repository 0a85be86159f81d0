package io.headroom.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A private D-Bus session bus: {@code dbus-daemon --session} on a socket in a test's folder, stopped on close. */
public final class SessionBus implements AutoCloseable {

    private final Process daemon;
    private final String address;

    private SessionBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    public static SessionBus start(Path folder) throws Exception {
        String exe = DesktopTools.require("dbus-daemon", "dbus");
        // a socket file rather than the default abstract socket: Java's unix sockets cannot reach abstract ones
        // no <servicedir>: the default session config would auto-start whatever the machine has
        // installed (a real gnome-keyring answering as org.freedesktop.secrets), not what the test runs
        java.nio.file.Path config = folder.resolve("bus.conf");
        java.nio.file.Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration"
                + " 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig><type>session"
                + "</type><listen>unix:path=" + folder.resolve("bus") + "</listen><auth>EXTERNAL</auth>"
                + "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                + "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
        Process p = new ProcessBuilder(exe, "--config-file=" + config, "--print-address", "--nofork",
                "--address=unix:path=" + folder.resolve("bus")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String address;
        try {
            address = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("dbus-daemon printed no address", e);
        }
        if (address == null || !address.startsWith("unix:")) {
            p.destroyForcibly();
            throw new IllegalStateException("dbus-daemon printed no address: " + address);
        }
        return new SessionBus(p, address.trim());
    }

    /** "unix:path=…,guid=…", as DBUS_SESSION_BUS_ADDRESS holds it. */
    public String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
    }
}
