package io.headroom.telemetry;

/** A request the receiver refuses whole, with the sentence it answers. */
public final class OtlpException extends Exception {

    public OtlpException(String message) {
        super(message);
    }
}
