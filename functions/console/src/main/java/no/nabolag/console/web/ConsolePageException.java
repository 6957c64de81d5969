package no.nabolag.console.web;

/** Ends a page route early with an error page: 403 (not yours to act on), 404 (not yours to see), 400, 409. */
public final class ConsolePageException extends RuntimeException {
    private final int status;
    private final String messageKey;

    public ConsolePageException(int status, String messageKey) {
        super(messageKey, null, false, false);
        this.status = status;
        this.messageKey = messageKey;
    }

    public int status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }
}
