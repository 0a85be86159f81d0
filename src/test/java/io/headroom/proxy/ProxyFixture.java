package io.headroom.proxy;

import io.headroom.config.PriceTableLoader;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** A fake Anthropic server, a database and a proxy in front of the server, all on loopback. */
final class ProxyFixture implements AutoCloseable {

    final FakeAnthropic fake;
    final Database db;
    final PriceTable prices;
    final RecordingProxy proxy;

    ProxyFixture(Path dir) throws IOException {
        this(dir, c -> c);
    }

    ProxyFixture(Path dir, java.util.function.UnaryOperator<ProxyConfig> tweak) throws IOException {
        fake = new FakeAnthropic();
        db = Database.open(dir.resolve("headroom.db"));
        prices = PriceTableLoader.load(dir.resolve("prices.json")).table();
        ProxyConfig config = tweak.apply(ProxyConfig.defaults(dir.resolve("proxy-journal.jsonl")).withPort(0)
                .withUpstream(URI.create(fake.url())));
        proxy = RecordingProxy.start(config, db, prices);
    }

    long count(String sql) {
        try (Connection c = db.openReader(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Sends raw bytes to a port and returns the full response (head and framed body) as raw bytes. */
    static byte[] raw(int port, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readResponse(s.getInputStream());
        }
    }

    static byte[] readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long length = -1;
        boolean chunked = false;
        String line;
        while ((line = FakeAnthropic.line(in)) != null) {
            all.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (line.isEmpty()) {
                break;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            while (true) {
                String size = FakeAnthropic.line(in);
                if (size == null) {
                    break;
                }
                all.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    String end = FakeAnthropic.line(in);
                    all.write((end + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    break;
                }
                all.write(in.readNBytes(n));
                all.write((FakeAnthropic.line(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } else if (length >= 0) {
            all.write(in.readNBytes((int) length));
        } else {
            all.write(in.readAllBytes());
        }
        return all.toByteArray();
    }

    /** Drops hop-by-hop header lines (Connection), which a proxy may legitimately change. */
    static String withoutHopByHop(byte[] response) {
        String s = new String(response, StandardCharsets.ISO_8859_1);
        return s.replaceAll("(?im)^connection:[^\r\n]*\r\n", "");
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        fake.close();
        db.close();
    }
}
