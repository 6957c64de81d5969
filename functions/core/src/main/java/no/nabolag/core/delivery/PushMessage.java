package no.nabolag.core.delivery;

import java.util.Map;

/**
 * One SNS Publish to a device endpoint: MessageStructure=json {@code message} and the SNS mobile message attributes
 * (all of type String). {@code postId} and {@code deviceId} travel along so outcomes can be attributed.
 */
public record PushMessage(String postId, String deviceId, String targetArn, String message,
                          Map<String, String> attributes) {

    /** The id of this push in a page's handled set: {@code <postId>#<deviceId>}. */
    public String handledId() {
        return postId + "#" + deviceId;
    }
}
