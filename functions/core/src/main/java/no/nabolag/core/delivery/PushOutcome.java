package no.nabolag.core.delivery;

/** How one publish ended. */
public enum PushOutcome {
    /** SNS accepted it. */
    SENT,
    /** EndpointDisabled / NotFound: the device is gone; mark it inactive and never retry. */
    DISABLED,
    /** Throttling: back off and retry this push. */
    THROTTLED,
    /** A server error or a broken connection (after the SDK's own retries): the page is retried by redelivery. */
    UNAVAILABLE,
    /** SNS refused this push for good (any other client error): the device is counted failed and the page goes on. */
    FAILED
}
