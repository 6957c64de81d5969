package no.nabolag.core.post;

/** The fan-out queue: one message per post that is due for delivery. */
public interface FanoutQueue {
    /** Sends {"postId": ...}; throws when the queue cannot take it. */
    void send(String postId);
}
