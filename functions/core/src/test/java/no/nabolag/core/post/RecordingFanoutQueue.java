package no.nabolag.core.post;

import java.util.ArrayList;
import java.util.List;

/** The fan-out queue in memory: records what was sent; can be told to refuse sends, as an unreachable SQS would. */
public final class RecordingFanoutQueue implements FanoutQueue {
    private final List<String> sent = new ArrayList<>();
    private boolean down;

    @Override
    public synchronized void send(String postId) {
        if (down) {
            throw new IllegalStateException("queue unreachable");
        }
        sent.add(postId);
    }

    public synchronized void goDown() {
        down = true;
    }

    public synchronized void comeBack() {
        down = false;
    }

    public synchronized List<String> sent() {
        return List.copyOf(sent);
    }
}
