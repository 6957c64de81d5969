package no.nabolag.local.resident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.nabolag.aws.post.AwsPostPublication;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.local.LocalStack;
import no.nabolag.local.sns.Push;

/** Publishes posts the way the publisher does (outbox, fan-out, delivery) and reads the pushes SNS accepted. */
final class Publishing {
    private final LocalStack stack;
    private final PostPublication publication;

    Publishing(LocalStack stack) {
        this.stack = stack;
        this.publication = AwsPostPublication.from(stack.settingsOf("SchedulerFunction"), stack.dynamoDb(), stack.sqs(),
                Clock.systemUTC());
    }

    /** Publishes a post to the districts and waits until fan-out and delivery are done. Returns its id. */
    String publishAndDeliver(String tenantId, List<String> districts, List<String> categories, String title) {
        Instant now = Instant.now();
        String postId = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        publication.submit(new Post(postId, tenantId, "org-" + postId, "Velforeningen", districts, categories, title,
                "Tekst til " + title, null, null, null, false, null, now.plus(Duration.ofDays(2)), now, now,
                PostStatus.ACCEPTED, now, null, List.of(new StateChange(PostStatus.ACCEPTED, now, "test", null)), null));
        stack.awaitIdle(Duration.ofSeconds(120));
        return postId;
    }

    /** How many pushes of the post SNS accepted for the token. */
    long pushesOf(String postId, String token) {
        return stack.snsEmulator().pushes().stream()
                .filter(p -> p.token().equals(token) && postIdOf(p).equals(postId)).count();
    }

    static String postIdOf(Push push) {
        try {
            var payload = Json.readTree(push.message());
            if (payload.has("postId")) {
                return payload.get("postId").asText();
            }
            String fromFcm = payload.at("/fcmV1Message/message/data/postId").asText();
            return fromFcm.isEmpty() ? payload.at("/data/postId").asText() : fromFcm;
        } catch (Exception e) {
            return "";
        }
    }
}
