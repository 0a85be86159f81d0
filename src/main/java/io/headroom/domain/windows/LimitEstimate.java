package io.headroom.domain.windows;

/**
 * A learned (or published) limit of one window, in API-equivalent USD.
 *
 * @param samples how many observations back it
 * @param relativeError the estimate's relative uncertainty (0.05 = plus or minus 5%)
 */
public record LimitEstimate(double value, Method method, int samples, Confidence confidence, double relativeError,
        String detail) {

    /** How the limit was learned, best evidence first. */
    public enum Method {
        OFFICIAL_CALIBRATION("official utilization paired with measured usage"),
        LIMIT_HITS("usage measured when the limit was hit"),
        P90_HISTORY("90th percentile of completed windows"),
        PLAN_CATALOG("plan catalog default"),
        /** Only for the limit shown beside a percent: the latest reading seen on claude.ai over the usage up to it. */
        MANUAL_READING("a percentage you read on claude.ai paired with measured usage"),
        /**
         * Only for the limit shown beside a percent that a floor holds or the learned rate moved on
         * from a reading: the limit the used figure is that percent of.
         */
        SHOWN_PERCENT("the usage measured over the percent shown, which a reading, a limit hit or an earlier "
                + "figure in this window holds");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public enum Confidence { HIGH, MEDIUM, LOW }
}
