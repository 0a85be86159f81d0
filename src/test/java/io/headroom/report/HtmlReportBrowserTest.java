package io.headroom.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.service.AdvisorService;
import io.headroom.service.Workspace;
import io.headroom.testing.AdvisorHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser (Debian's chromium, headless): it renders to a PNG and a PDF,
 * logs no console error, and asks the network for nothing. A PAC script sends every request to a
 * proxy on loopback that only counts, except chromium's own service calls (component updates and
 * account checks to *.google.com and *.googleapis.com, which it makes for any page, even an empty
 * one, whatever the switches): those go to a second counting proxy, so nothing leaves the machine
 * and the first proxy's count is the page's alone. A canary page with an image URL and a console
 * error proves both checks can fail.
 */
class HtmlReportBrowserTest {

    @TempDir
    Path dir;

    static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(d, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A proxy that answers nothing and remembers every request line it was sent. */
    static final class CountingProxy implements AutoCloseable {
        final ServerSocket server;
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        CountingProxy() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.setSoTimeout(2000);
                        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                        String line = in.readLine();
                        requests.add(line == null ? "(connection without a request)" : line);
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        // closed, or a client that hung up: either way the request (if any) is counted
                    }
                }
            }, "counting-proxy");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void theReportRendersInHeadlessChromiumWithoutErrorsOrAnyNetworkRequest() throws Exception {
        Path browser = chromium();
        if (browser == null) {
            if (System.getenv("CI") != null) {
                fail("chromium is not installed: .ci/run installs it with apt-get; install it with 'apt-get install -y chromium'");
            }
            Assumptions.abort("chromium is not installed (apt-get install -y chromium); skipped outside CI");
        }
        Path html = dir.resolve("report.html");
        try (Workspace ws = new Workspace(new DataDirectory(dir.resolve("data")), null, Map.of(), dir.resolve("home"))) {
            ws.saveSettings(new Settings("pro", "UTC", null, null).withHourlyValue(150.0));
            AdvisorHistory.write(ws);
            AdvisorService.Prepared p = ws.advisor().prepare(AdvisorHistory.NOW, 28, null);
            AdvisorService.write(AdvisorService.report(p, p.at(null), AdvisorHistory.NOW), AdvisorReport.Format.HTML, html);
        }
        Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Path png = screenshots.resolve("report.png");
        Path pdf = screenshots.resolve("report.pdf");
        Files.copy(html, screenshots.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(png);
        Files.deleteIfExists(pdf);
        String page = Files.readString(html);
        assertThat(page).doesNotContain("http:").doesNotContain("https:").doesNotContain("<script")
                .doesNotContain("@import").doesNotContain("url(").doesNotContain("@font-face");
        try (CountingProxy proxy = new CountingProxy(); CountingProxy chromiumItself = new CountingProxy()) {
            Path canary = dir.resolve("canary.html");
            Files.writeString(canary, "<!DOCTYPE html><html><body><img src=\"http://canary.invalid/x.png\">"
                    + "<script>console.error('canary')</script></body></html>");
            Run alive = chromium(browser, proxy, chromiumItself, "--screenshot=" + dir.resolve("canary.png"),
                    "--window-size=400,300", canary);
            assertThat(alive.exit).as(alive.stderr).isZero();
            assertThat(proxy.requests).as("the canary's image request").anyMatch(r -> r.contains("canary.invalid"));
            assertThat(consoleErrors(alive.stderr)).as("the canary's console error").isNotEmpty();
            proxy.requests.clear();

            Run shot = chromium(browser, proxy, chromiumItself, "--screenshot=" + png, "--window-size=1280,2000", html);
            assertThat(shot.exit).as(shot.stderr).isZero();
            assertThat(png).exists();
            byte[] head = Files.readAllBytes(png);
            assertThat(head.length).isGreaterThan(10_000);
            assertThat(new String(head, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
            assertThat(consoleErrors(shot.stderr)).as(shot.stderr).isEmpty();

            Run print = chromium(browser, proxy, chromiumItself, "--print-to-pdf=" + pdf, "--no-pdf-header-footer", html);
            assertThat(print.exit).as(print.stderr).isZero();
            assertThat(Files.readString(pdf, StandardCharsets.ISO_8859_1)).startsWith("%PDF");
            assertThat(consoleErrors(print.stderr)).as(print.stderr).isEmpty();

            assertThat(proxy.requests).as("requests the page made through the proxy").isEmpty();
        }
    }

    record Run(int exit, String stderr) {
    }

    Run chromium(Path browser, CountingProxy proxy, CountingProxy chromiumItself, String output, String extra, Path html)
            throws Exception {
        String pac = "function FindProxyForURL(url, host) {"
                + " if (dnsDomainIs(host, '.google.com') || dnsDomainIs(host, '.googleapis.com'))"
                + " return 'PROXY 127.0.0.1:" + chromiumItself.port() + "';"
                + " return 'PROXY 127.0.0.1:" + proxy.port() + "'; }";
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("chromium-profile"),
                // Everything, loopback included, goes through the counting proxies.
                "--proxy-pac-url=data:application/x-ns-proxy-autoconfig;base64,"
                        + java.util.Base64.getEncoder().encodeToString(pac.getBytes(StandardCharsets.UTF_8)),
                "--proxy-bypass-list=<-loopback>",
                // Chromium's own background traffic is not the page's: keep it quiet so the count means the page.
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-default-apps", "--disable-extensions",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,"
                        + "NetworkTimeServiceQuerying",
                output, extra, html.toUri().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("chromium.err").toFile());
        // A fresh profile each run: no cache can hide a request.
        deleteTree(dir.resolve("chromium-profile"));
        pb.environment().put("HOME", dir.resolve("home").toString());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 90 s");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("chromium.err")));
    }

    static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Console messages and load failures of the page; chromium's own noise (dbus, GPU) is not the page's. */
    static List<String> consoleErrors(String stderr) {
        List<String> out = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains("CONSOLE") || line.contains("Uncaught") || line.contains("Refused to")
                    || line.contains("Failed to load resource") || line.contains("net::ERR_")) {
                out.add(line);
            }
        }
        return out;
    }
}
