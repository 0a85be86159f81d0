package io.headroom.ui.api;

import io.headroom.domain.ProxyCall;
import io.headroom.domain.plans.PlanCatalog;
import io.headroom.domain.pricing.PriceTable;
import io.headroom.proxy.ApiHeadroom;
import io.headroom.proxy.RecordingProxy;
import io.headroom.service.ApiActivity;
import io.headroom.service.SettingsForm;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API tab shows, in plain Java: the calls of the last day it holds, and the texts,
 * gauge levels and table rows they add up to. The controller feeds it calls on the FX thread
 * and runs {@link Pending#compute} in the background.
 */
public final class ApiViewModel {

    /** What the tab loads when selected: the saved port and zone, prices, tiers and the last day's calls. */
    public record Loaded(int port, ZoneId zone, PriceTable prices, List<PlanCatalog.ApiTier> tiers, List<ProxyCall> calls) {
    }

    /** One rate limit: used in the last minute against the limit the headers reported (null while none did). */
    public record Gauge(long used, Long limit) {

        public String text() {
            return ApiText.usedOf(used, limit);
        }

        /** How full the bar is, 0 to 1 (0 without a limit). */
        public double fraction() {
            return limit == null || limit == 0 ? 0 : Math.min(1, (double) used / limit);
        }

        /** Amber from 70%, red from 90%. */
        public String level() {
            double f = fraction();
            return f >= 0.9 ? "level-high" : f >= 0.7 ? "level-warn" : "level-ok";
        }
    }

    /** A measured figure: the value and its line of detail. */
    public record Figure(String value, String detail) {
    }

    /** Everything the tab shows of the calls; gauges are null without a call in the last hour. */
    public record Shown(List<CallRow> rows, Gauge rpm, Gauge itpm, Gauge otpm, String keyLine, Figure lastHour,
            Figure lastDay, Figure cache) {
    }

    /** The calls and formats at one moment, to sum up off the FX thread. */
    public record Pending(List<ProxyCall> calls, ZoneId zone, PriceTable prices, List<PlanCatalog.ApiTier> tiers) {

        public Shown compute(Instant now) {
            return summarize(ApiActivity.summarize(calls, now, tiers), zone, prices);
        }
    }

    /** What the port field holds: the port, or why it is none. */
    public record PortCheck(Integer port, String error) {

        public boolean valid() {
            return port != null;
        }
    }

    private final Map<String, ProxyCall> known = new LinkedHashMap<>();
    private ZoneId zone = ZoneId.systemDefault();
    private PriceTable prices;
    private List<PlanCatalog.ApiTier> tiers = List.of();

    /** The loaded history joins the calls that arrived meanwhile (the same call once). */
    public void adopt(Loaded loaded) {
        zone = loaded.zone();
        prices = loaded.prices();
        tiers = List.copyOf(loaded.tiers());
        loaded.calls().forEach(this::arrived);
    }

    public void arrived(ProxyCall call) {
        known.put(call.callId(), call);
    }

    public int held() {
        return known.size();
    }

    /** Drops calls older than a day (a long session keeps one day, not all) and takes what is left to sum up. */
    public Pending pending(Instant now) {
        long oldest = now.minus(ApiActivity.HISTORY).toEpochMilli();
        known.values().removeIf(c -> c.startedAtMs() < oldest);
        return new Pending(new ArrayList<>(known.values()), zone, prices, tiers);
    }

    static Shown summarize(ApiActivity.Snapshot s, ZoneId zone, PriceTable prices) {
        List<CallRow> rows = s.recent().stream().map(c -> CallRow.of(c, zone, prices)).toList();
        ApiHeadroom.Row r = s.current();
        Gauge rpm = null;
        Gauge itpm = null;
        Gauge otpm = null;
        String keyLine;
        if (r == null) {
            keyLine = "No calls to /v1/messages in the last hour.";
        } else {
            rpm = new Gauge(r.requests(), r.rpmLimit());
            itpm = new Gauge(r.inputTokens(), r.itpmLimit());
            otpm = new Gauge(r.outputTokens(), r.otpmLimit());
            int others = s.headroom().size() - 1;
            keyLine = "Last used: key " + r.keyFingerprint() + " · " + r.modelClass()
                    + (r.tier() == null ? "" : " · " + r.tier() + " (the tier these limits match)")
                    + (others > 0 ? " · " + others + " other key/model groups" : "");
        }
        Figure cache = s.cacheHitRate() == null ? new Figure("—", "No input tokens in the last hour.")
                : new Figure(ApiText.percent(s.cacheHitRate()), "Cache reads among all input tokens.");
        return new Shown(rows, rpm, itpm, otpm, keyLine, errors(s.lastHour()), errors(s.lastDay()), cache);
    }

    static Figure errors(ApiActivity.ErrorRates e) {
        long all = e.rateLimited() + e.overloaded() + e.serverErrors();
        return new Figure(ApiText.share(all, e.calls()), "429 rate limited " + e.rateLimited() + " · 529 overloaded "
                + e.overloaded() + " · other 5xx " + e.serverErrors());
    }

    public static PortCheck checkPort(String text) {
        String error = SettingsForm.portError(text);
        return error == null ? new PortCheck(Integer.valueOf(text.strip()), null) : new PortCheck(null, error);
    }

    public static String exportLine(int port) {
        return "export ANTHROPIC_BASE_URL=http://127.0.0.1:" + port;
    }

    /** Start/Stop is off while a start or stop runs, or while a stopped proxy has no valid port. */
    public static boolean startStopDisabled(boolean busy, boolean running, boolean portValid) {
        return busy || (!running && !portValid);
    }

    public static String starting(int port) {
        return "Starting on port " + port + "…";
    }

    /** What a stop reports: the last run's counts, when there was a run. */
    public static String stopped(RecordingProxy.Status last) {
        return last == null ? "Stopped." : "Stopped. " + last.calls() + " calls, " + last.stored() + " recorded, "
                + last.journaled() + " waiting in the journal.";
    }

    public static String recording(String baseUrl, Object upstream) {
        return "Recording on " + baseUrl + ", forwarding to " + upstream + ".";
    }
}
