package io.headroom.domain.official;

import java.math.BigDecimal;

/**
 * An amount as the usage answers carry it: whole minor units (cents) and the exponent that turns
 * them into the currency's major unit, so 500 with exponent 2 is 5.00. Kept exact; no doubles.
 *
 * @param currency ISO code as given, or null when the answer named none
 */
public record Money(long amountMinor, int exponent, String currency) {

    public BigDecimal major() {
        return BigDecimal.valueOf(amountMinor, exponent);
    }

    /** The amount in US dollars, or null when it is in another currency. A missing currency is taken as USD. */
    public BigDecimal usd() {
        return currency == null || currency.equalsIgnoreCase("USD") ? major() : null;
    }
}
