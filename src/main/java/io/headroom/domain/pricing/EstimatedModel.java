package io.headroom.domain.pricing;

/** A model with no exact price row, what it was priced as instead, and over how many calls. */
public record EstimatedModel(String model, String pricedAs, long calls) {
}
