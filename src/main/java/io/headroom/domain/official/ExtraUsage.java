package io.headroom.domain.official;

import java.math.BigDecimal;

/**
 * Pay-as-you-go usage beyond the plan ("extra usage"): what has been spent this month and the
 * monthly cap the user set. Built from {@code extra_usage} or, when only that is present, {@code spend}.
 *
 * @param enabled      whether extra usage is switched on, null when the answer did not say
 * @param used         spent so far this month, null when not given
 * @param monthlyLimit the user's monthly cap, null when none is set
 * @param limitReached whether the cap is reached, null when the answer did not say
 */
public record ExtraUsage(Boolean enabled, Money used, Money monthlyLimit, Boolean limitReached) {

    /**
     * "Extra usage: 12.50 USD of 50.00 USD this month", the one sentence the command line and the
     * Overview show; null when the answer gave no amount spent.
     */
    public String sentence() {
        if (used == null) {
            return null;
        }
        String currency = used.currency() == null ? "USD" : used.currency();
        return "Extra usage: " + used.major().toPlainString() + " " + currency
                + (monthlyLimit == null ? "" : " of " + monthlyLimit.major().toPlainString() + " "
                        + (monthlyLimit.currency() == null ? currency : monthlyLimit.currency()) + " this month")
                + (Boolean.FALSE.equals(enabled) ? " (switched off)" : "");
    }

    public BigDecimal usedUsd() {
        return used == null ? null : used.usd();
    }

    public BigDecimal limitUsd() {
        return monthlyLimit == null ? null : monthlyLimit.usd();
    }
}
