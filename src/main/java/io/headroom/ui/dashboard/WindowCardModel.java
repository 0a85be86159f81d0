package io.headroom.ui.dashboard;

import io.headroom.domain.Figures;
import io.headroom.domain.Provenance;
import io.headroom.domain.official.OfficialAge;
import io.headroom.domain.windows.LimitEstimate;
import io.headroom.domain.windows.Window;
import io.headroom.domain.windows.WindowStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One window's card (5-hour, weekly, weekly Opus, weekly Sonnet) as FX properties. {@link #apply}
 * takes a new engine status; {@link #tick} recomputes the time-dependent texts from the reset
 * instant held here, so a countdown never drifts with the timer.
 */
final class WindowCardModel {

    final String title;
    /** 0-100 for the gauge (clamped), or -1 when no percentage is known. */
    final DoubleProperty gauge = new SimpleDoubleProperty(-1);
    final StringProperty percentText = new SimpleStringProperty("—");
    final StringProperty gaugeCaption = new SimpleStringProperty("no limit known");
    final ObjectProperty<Provenance> percentProvenance = new SimpleObjectProperty<>();
    /** "from Claude Code · 3 min ago" beside an official percent, else empty. */
    final StringProperty percentOrigin = new SimpleStringProperty("");
    final javafx.beans.property.BooleanProperty percentStale = new javafx.beans.property.SimpleBooleanProperty(false);
    final StringProperty countdownCaption = new SimpleStringProperty("Resets in");
    final StringProperty countdownText = new SimpleStringProperty("—");
    final StringProperty resetText = new SimpleStringProperty("");
    /** The window's reset is unknown until the weekly reset is set: the card links to that setting. */
    final javafx.beans.property.BooleanProperty resetUnset = new javafx.beans.property.SimpleBooleanProperty(false);
    final ObjectProperty<Provenance> resetProvenance = new SimpleObjectProperty<>();
    final StringProperty usedText = new SimpleStringProperty("—");
    final StringProperty usedTokens = new SimpleStringProperty("");
    final StringProperty usedTokensDetail = new SimpleStringProperty("");
    final StringProperty limitText = new SimpleStringProperty("—");
    final StringProperty limitDetail = new SimpleStringProperty("");
    final ObjectProperty<Provenance> limitProvenance = new SimpleObjectProperty<>();
    final ObjectProperty<Provenance> burnProvenance = new SimpleObjectProperty<>();
    final ObjectProperty<Provenance> forecastProvenance = new SimpleObjectProperty<>();
    final StringProperty burnText = new SimpleStringProperty("—");
    final StringProperty forecastText = new SimpleStringProperty("");
    final StringProperty forecastState = new SimpleStringProperty("");

    private WindowStatus status;
    private ZoneId zone = ZoneId.systemDefault();

    WindowCardModel(String title) {
        this.title = title;
    }

    void apply(WindowStatus st, ZoneId zone, Instant now) {
        this.status = st;
        this.zone = zone;
        Double p = st.usedPercent();
        // Reached on use recorded elsewhere (claude.ai): "Limit reached", never "100% of $0.00".
        boolean elsewhere = st.reachedWithoutUsage();
        gauge.set(p == null ? -1 : Math.max(0, Math.min(100, p)));
        set(percentText, elsewhere ? "Limit" : OverviewText.percent(p));
        set(gaugeCaption, p == null ? "no limit known" : elsewhere ? "reached" : "used");
        percentProvenance.set(st.percentProvenance());
        Window w = st.window();
        resetProvenance.set(w == null || w.end() == null ? null : w.provenance());
        set(usedText, elsewhere ? "None measured" : Figures.usd(st.used().costUsd()));
        set(usedTokens, !elsewhere ? Figures.tokens(st.used().tokens()) + " tokens"
                : st.used().prompts() > 0 ? st.used().prompts() + " messages logged" : "Reached on use not recorded here");
        set(usedTokensDetail, "Tokens excluding cache reads; " + Figures.tokens(st.used().tokensWithCacheReads())
                + " including them. " + st.used().prompts() + " prompts, " + st.used().activeMinutes() + " active minutes.");
        set(limitText, st.limit() != null ? Figures.usd(st.limit().value()) : p != null && p > 0 ? "Not shown" : "Unknown");
        set(limitDetail, OverviewText.limit(st));
        String burn = OverviewText.burn(st.forecast());
        burnProvenance.set(burn == null ? null : Provenance.MEASURED);
        limitProvenance.set(st.limit() == null ? null
                : st.limit().method() == LimitEstimate.Method.LIMIT_HITS ? Provenance.LIMIT_EVENT : Provenance.ESTIMATE);
        forecastProvenance.set(switch (st.forecast().state()) {
            case LIMIT_REACHED -> st.percentProvenance();
            case NOT_ENOUGH_DATA -> null;
            default -> Provenance.ESTIMATE;
        });
        set(burnText, burn == null ? "Not enough data yet" : burn);
        set(forecastState, st.forecast().state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        tick(now);
    }

    /** Recomputes the countdown, the reset line and the forecast sentence for this instant. */
    void tick(Instant now) {
        if (status == null) {
            return;
        }
        Window w = status.window();
        resetUnset.set(w != null && w.end() == null);
        if (w == null) {
            set(countdownCaption, "Window");
            set(countdownText, "Not running");
            set(resetText, "Your next message starts one");
        } else if (w.end() == null) {
            set(countdownCaption, "Resets");
            set(countdownText, "Unknown");
            set(resetText, "Weekly reset not set");
        } else {
            set(countdownCaption, "Resets in");
            Duration left = Duration.between(now, w.end());
            set(countdownText, left.isNegative() || left.isZero() ? "Resetting…" : OverviewText.countdown(left));
            set(resetText, "at " + OverviewText.clock(w.end(), now, zone));
        }
        set(forecastText, OverviewText.forecast(status, now, zone));
        var official = status.official();
        if (status.percentProvenance() == Provenance.OFFICIAL && official != null) {
            set(percentOrigin, OfficialAge.from(official.source()) + " · " + OfficialAge.ago(official.observedAt(), now));
            percentStale.set(OfficialAge.stale(official.observedAt(), now));
        } else {
            set(percentOrigin, "");
            percentStale.set(false);
        }
    }

    /**
     * Sets a text only when it differs: the refresher and the tick build new strings each time, and
     * a property fires on a new string even when it is equal, which relayouts the label showing it.
     */
    static void set(StringProperty p, String text) {
        if (!java.util.Objects.equals(p.get(), text)) {
            p.set(text);
        }
    }
}
