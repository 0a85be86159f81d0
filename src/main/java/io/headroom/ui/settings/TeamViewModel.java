package io.headroom.ui.settings;

import io.headroom.config.TeamSettings;
import io.headroom.service.TelemetryService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The "Team and telemetry" tile in plain Java: the fields as typed, each one's message, the lines
 * a user pastes so Claude Code sends its telemetry here, and the warning for metrics reachable from
 * other machines. Applying (save, secret store, start and stop) is the service's job.
 */
public final class TeamViewModel {

    public static final String TELEMETRY_PORT = "telemetryPort";
    public static final String METRICS_PORT = "metricsPort";
    public static final String METRICS_BIND = "metricsBind";
    public static final String PUSH_URL = "pushUrl";
    public static final String PUSH_INTERVAL = "pushInterval";
    public static final String ALIAS = "alias";

    public static final String PRIVACY = "Only aggregates leave this machine, and only when you switch an export on: "
            + "tokens, costs, limit percentages, resets and forecasts, named by the aliases below. No prompt text, "
            + "no file paths, no session ids; projects as a hash unless you allow their names.";

    /** The tile's fields as typed. */
    public record Fields(boolean receiveTelemetry, String telemetryPort, boolean serveMetrics, String metricsPort,
            String metricsBind, boolean push, String pushUrl, String pushProtocol, String pushInterval, String user,
            String host, boolean projectNames) {

        public static Fields of(TeamSettings s) {
            return new Fields(s.receiveTelemetry(), Integer.toString(s.telemetryPort()), s.serveMetrics(),
                    Integer.toString(s.metricsPort()), s.metricsBind(), s.push(), s.pushUrl() == null ? "" : s.pushUrl(),
                    s.pushProtocol(), Integer.toString(s.pushIntervalSeconds()), s.user() == null ? "" : s.user(),
                    s.host() == null ? "" : s.host(), s.projectNames());
        }
    }

    /** The settings when every field is valid (else null), and a message per invalid field. */
    public record Checked(TeamSettings settings, Map<String, String> errors) {
        public boolean valid() {
            return settings != null;
        }
    }

    private TeamViewModel() {
    }

    public static Checked check(Fields f) {
        Map<String, String> errors = new LinkedHashMap<>();
        Integer telemetryPort = port(f.telemetryPort(), TELEMETRY_PORT, errors);
        Integer metricsPort = port(f.metricsPort(), METRICS_PORT, errors);
        String bind = f.metricsBind() == null ? "" : f.metricsBind().strip();
        if (!bind.isEmpty() && !bind.matches("[0-9A-Za-z.:\\-\\[\\]]+")) {
            errors.put(METRICS_BIND, "An address like 127.0.0.1 or 0.0.0.0.");
        }
        Integer interval = null;
        try {
            interval = Integer.parseInt(f.pushInterval().strip());
            if (interval < 5 || interval > 86_400) {
                errors.put(PUSH_INTERVAL, "Seconds between pushes, 5 to 86400.");
            }
        } catch (NumberFormatException e) {
            errors.put(PUSH_INTERVAL, "Seconds between pushes, like 60.");
        }
        String url = f.pushUrl() == null ? "" : f.pushUrl().strip();
        if (!url.isEmpty()) {
            try {
                TeamSettings.checkUrl(url);
            } catch (IllegalArgumentException e) {
                errors.put(PUSH_URL, "An address like http://collector:4318.");
            }
        } else if (f.push()) {
            errors.put(PUSH_URL, "The collector's address, like http://collector:4318.");
        }
        if (f.user().contains("@") || f.host().contains("@")) {
            errors.put(ALIAS, "A name, not an email address.");
        }
        if (!errors.isEmpty()) {
            return new Checked(null, Map.copyOf(errors));
        }
        return new Checked(new TeamSettings(f.receiveTelemetry(), telemetryPort, f.serveMetrics(), metricsPort, bind,
                f.push(), url, f.pushProtocol(), interval, f.user(), f.host(), f.projectNames()), Map.of());
    }

    private static Integer port(String text, String field, Map<String, String> errors) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        errors.put(field, "A port is a whole number from 1 to 65535.");
        return null;
    }

    /** What to paste into Claude Code's shell so it sends its telemetry to this receiver. */
    public static String linesToPaste(String port) {
        int p;
        try {
            p = Integer.parseInt(port == null ? "" : port.strip());
        } catch (NumberFormatException e) {
            p = TeamSettings.DEFAULT_TELEMETRY_PORT; // the field says what is wrong; the lines stay usable
        }
        return TelemetryService.pasteLines(p);
    }

    /** A warning when the metrics would be readable from other machines; null on loopback. */
    public static String bindWarning(String bind) {
        String b = bind == null ? "" : bind.strip();
        if (b.isEmpty() || b.equals("localhost") || b.equals("::1") || b.startsWith("127.")) {
            return null;
        }
        return "Warning: on " + b + " other machines can read your usage figures. Use an address only your "
                + "monitoring can reach.";
    }
}
