package io.headroom.sources.usage;

/** A usage answer Headroom cannot read at all. The message is fit to show the user as it is. */
public final class UsageReportException extends Exception {

    public UsageReportException(String message) {
        super(message);
    }
}
