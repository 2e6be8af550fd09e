package io.vitalstream.error;

/** The service is at its memory or concurrency limit; the client may retry later. */
public final class ServiceBusyException extends VitalStreamException {

    public ServiceBusyException(String detail) {
        super(Kind.BUSY, detail);
    }
}
