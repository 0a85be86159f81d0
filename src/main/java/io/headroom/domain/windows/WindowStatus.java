package io.headroom.domain.windows;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UtilizationSample;
import java.util.List;

/**
 * One window as of now: its bounds, usage, percentage, the limit beside it and the forecast.
 * The percent and the used and limit figures agree: {@code used / limit = usedPercent} (see
 * {@link ShownPercent}).
 *
 * @param window the current window, null when idle (no 5-hour window is running)
 * @param usedPercent percent of the limit used, null when neither a reading, a limit hit nor a limit exists
 * @param percentProvenance where usedPercent comes from (OFFICIAL/MANUAL reading, LIMIT_EVENT, ESTIMATE)
 * @param official the latest official or user-read sample in this window, if any
 * @param limit the limit shown beside the percent, in API-equivalent USD: what the used figure is
 *        that percent of; null when it cannot be said (a percent with nothing measured here)
 * @param evidence every limit learned from the history that had data, best first
 * @param limitReached set when a limit hit or a reading of 100% or more says the limit was reached in this window
 */
public record WindowStatus(LimitWindow kind, Window window, Measures used, Double usedPercent,
        Provenance percentProvenance, UtilizationSample official, LimitEstimate limit, List<LimitEstimate> evidence,
        Forecast forecast, LimitReached limitReached) {

    public WindowStatus(LimitWindow kind, Window window, Measures used, Double usedPercent,
            Provenance percentProvenance, UtilizationSample official, LimitEstimate limit, List<LimitEstimate> evidence,
            Forecast forecast) {
        this(kind, window, used, usedPercent, percentProvenance, official, limit, evidence, forecast, null);
    }

    /** The best limit learned from the history, null if none: what windows without a reading are measured against. */
    public LimitEstimate learnedLimit() {
        return evidence.isEmpty() ? null : evidence.get(0);
    }

    /** The limit reached with nothing recorded here: "limit reached", not "100% of $0.00". */
    public boolean reachedWithoutUsage() {
        return limitReached != null && used.costUsd() <= 0;
    }
}
