package no.nabolag.core.delivery;

/** A page could not be delivered completely; the SQS message is to be redelivered (and ends in the DLQ). */
public class DeliveryFailedException extends RuntimeException {
    public DeliveryFailedException(String message) {
        super(message);
    }
}
