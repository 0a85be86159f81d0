package io.headroom.domain.windows;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.Provenance;
import io.headroom.domain.UtilizationSample;
import java.util.List;

/**
 * One window as of now: its bounds, usage, percentage, learned limit and forecast.
 *
 * @param window the current window, null when idle (no 5-hour window is running)
 * @param usedPercent percent of the limit used, null when neither official data nor a limit exists
 * @param percentProvenance where usedPercent comes from (OFFICIAL/MANUAL sample, LIMIT_EVENT, ESTIMATE)
 * @param official the latest official or user-read sample in this window, if any
 * @param limit the limit used (best evidence), null if none is known; in API-equivalent USD
 * @param evidence every limit estimate that had data, best first
 */
public record WindowStatus(LimitWindow kind, Window window, Measures used, Double usedPercent,
        Provenance percentProvenance, UtilizationSample official, LimitEstimate limit, List<LimitEstimate> evidence,
        Forecast forecast) {
}
