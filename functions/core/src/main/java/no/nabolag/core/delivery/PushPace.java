package no.nabolag.core.delivery;

/** What a worker waits on before each publish: one permit per push (a local token bucket or the shared rate). */
public interface PushPace {
    /** Blocks until this worker may publish one push. */
    void acquire();
}
