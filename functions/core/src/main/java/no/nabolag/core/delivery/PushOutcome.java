package no.nabolag.core.delivery;

/** How one publish ended. */
public enum PushOutcome {
    /** SNS accepted it. */
    SENT,
    /** EndpointDisabled / NotFound: the device is gone; mark it inactive and never retry. */
    DISABLED,
    /** Throttling: back off and retry this push. */
    THROTTLED,
    /** Anything else: the page fails and SQS redelivers it. */
    FAILED
}
