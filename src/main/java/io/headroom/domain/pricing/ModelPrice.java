package io.headroom.domain.pricing;

import java.time.Instant;
import java.util.List;

/**
 * One dated row of the price table.
 *
 * @param id                   the canonical model id
 * @param match                further model names priced by this row (aliases, other dated ids)
 * @param rates                rates at or below the long-context threshold
 * @param above                rates for the tokens above the threshold, or null where the model
 *                             has the whole window at standard rates
 * @param fastMultiplier       fast-mode multiplier, or null where fast mode is not priced
 * @param fastMultiplierAbove  fast-mode multiplier when the request's input is above the threshold
 * @param validFrom            first instant this row applies (null: always)
 * @param validTo              first instant it no longer applies (null: still valid)
 * @param source               where the numbers come from, and as of when
 */
public record ModelPrice(
        String id,
        List<String> match,
        Rates rates,
        Rates above,
        Double fastMultiplier,
        Double fastMultiplierAbove,
        Instant validFrom,
        Instant validTo,
        String source) {

    public ModelPrice {
        match = match == null ? List.of() : List.copyOf(match);
    }

    boolean validAt(Instant at) {
        return (validFrom == null || !at.isBefore(validFrom)) && (validTo == null || at.isBefore(validTo));
    }
}
