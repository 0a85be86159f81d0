package io.headroom.ingest.statusline;

import io.headroom.config.DataDirectory;
import io.headroom.work.BackgroundWork;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The statusLine entry point Claude Code runs after every reply: no picocli, no Jackson, no
 * JavaFX, no lambdas (see {@link StatusLineHook} on start-up cost). Prints one line and exits 0
 * whatever happens. Arguments: {@code [--data DIR] [--chain-b64 BASE64-OF-COMMAND]}; the data
 * folder defaults to Headroom's.
 */
public final class StatusLineMain {

    /** The longest wait for stdin, and for a chained command's first line. */
    static final long STDIN_TIMEOUT_MS = 500;
    static final long CHAIN_TIMEOUT_MS = 2000;

    private StatusLineMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.println(run(args, System.in));
        out.flush();
        Runtime.getRuntime().halt(0);
    }

    public static String run(String[] args, InputStream stdin) {
        String line = "headroom";
        try {
            Path data = null;
            String chain = null;
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (args[i].equals("--data")) {
                    data = Path.of(args[i + 1]);
                } else if (args[i].equals("--chain-b64")) {
                    chain = new String(Base64.getDecoder().decode(args[i + 1]), StandardCharsets.UTF_8);
                }
            }
            Reader reader = new Reader(stdin);
            BackgroundWork.start("headroom-statusline-stdin", reader).join(STDIN_TIMEOUT_MS);
            String input = reader.text();
            Chain chained = chain == null ? null : new Chain(chain, input);
            Thread chainThread = chained == null ? null : BackgroundWork.start("headroom-statusline-chain", chained);
            Path dir = data != null ? data : DataDirectory.fromSystem().path();
            TimeZone zone = StatusLineHook.zone(dir.resolve("settings.json"));
            line = StatusLineHook.run(input, Instant.now(), zone, dir);
            if (chained != null) {
                chainThread.join(CHAIN_TIMEOUT_MS);
                String other = chained.first;
                if (other != null && !other.isBlank()) {
                    line = new StringBuilder(line).append(" | ").append(other.strip()).toString();
                }
            }
        } catch (Throwable t) {
            // Never break Claude Code's status line.
        }
        return line;
    }

    /** Reads stdin on a daemon thread, so a caller that never closes it cannot hang the hook. */
    static final class Reader implements Runnable {
        private final InputStream in;
        private volatile byte[] bytes = new byte[0];

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                bytes = b.toByteArray();
            } catch (IOException e) {
                bytes = new byte[0];
            }
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Runs the user's previous statusLine command with the same input and keeps its first line. */
    static final class Chain implements Runnable {
        private final String command;
        private final String input;
        volatile String first;

        Chain(String command, String input) {
            this.command = command;
            this.input = input;
        }

        @Override
        public void run() {
            try {
                boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
                ProcessBuilder pb = windows ? new ProcessBuilder("cmd", "/c", command) : new ProcessBuilder("sh", "-c", command);
                pb.redirectError(ProcessBuilder.Redirect.DISCARD);
                Process p = pb.start();
                try (OutputStream w = p.getOutputStream()) {
                    w.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // The command need not read its input.
                }
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    first = r.readLine();
                }
                p.destroy();
            } catch (IOException | RuntimeException e) {
                first = null;
            }
        }
    }
}
