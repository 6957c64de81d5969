package no.nabolag.core.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.nabolag.core.json.Json;

/**
 * Builds the SNS mobile push payloads of one post. The text is the same for every device of a language, platform
 * and district, so each variant is built once and only the target differs per push (this keeps the per-push cost low).
 *
 * <ul>
 *   <li>iOS: MessageStructure=json with keys APNS and APNS_SANDBOX; {@code aps.alert.title/body}, {@code thread-id} =
 *   district, plus postId and deepLink; attributes AWS.SNS.MOBILE.APNS.COLLAPSE_ID (post id), .TTL (expiry),
 *   .PUSH_TYPE alert, .PRIORITY 10 (urgent) or 5.</li>
 *   <li>Android: key GCM holding an FCM HTTP v1 message ({@code fcmV1Message.message}) with notification and
 *   data {postId, deepLink}, android.collapse_key, priority and ttl; attribute AWS.SNS.MOBILE.FCM.TTL.</li>
 * </ul>
 * All text goes through Jackson, which escapes it for JSON (the only output format here).
 */
public final class PushPayloads {
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);
    private static final Set<String> NORWEGIAN = Set.of("nb", "nn", "no");

    private final DeliveryPost post;
    private final long ttlSeconds;
    private final Map<String, Map<String, String>> attributesByPlatform = new ConcurrentHashMap<>();
    private final Map<String, String> messages = new ConcurrentHashMap<>();

    public PushPayloads(DeliveryPost post, Instant now) {
        this.post = post;
        long ttl = post.expiresAt() == null ? DEFAULT_TTL.toSeconds()
                : Duration.between(now, post.expiresAt()).toSeconds();
        this.ttlSeconds = Math.max(1, ttl);
    }

    public static String deepLink(String postId) {
        return "nabolag://posts/" + postId;
    }

    /** True when the device reads English: its locale is not Norwegian and the post has an English version. */
    public boolean english(String locale) {
        String language = locale == null ? "nb" : locale.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return !NORWEGIAN.contains(language) && hasText(post.titleEn()) && hasText(post.bodyEn());
    }

    public PushMessage messageFor(Recipient recipient) {
        boolean english = english(recipient.locale());
        boolean ios = isIos(recipient.platform());
        String key = (ios ? "ios" : "android") + '|' + (english ? "en" : "nb") + '|' + recipient.districtId();
        String message = messages.computeIfAbsent(key, k -> ios
                ? apns(english, recipient.districtId()) : fcm(english));
        Map<String, String> attributes = attributesByPlatform.computeIfAbsent(ios ? "ios" : "android",
                p -> ios ? apnsAttributes() : fcmAttributes());
        return new PushMessage(post.postId(), recipient.deviceId(), recipient.endpointArn(), message, attributes);
    }

    public static boolean isIos(String platform) {
        return "ios".equalsIgnoreCase(platform);
    }

    private String apns(boolean english, String districtId) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aps = root.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", title(english));
        alert.put("body", body(english));
        aps.put("thread-id", districtId);
        aps.put("sound", "default");
        aps.put("interruption-level", post.urgent() ? "time-sensitive" : "active");
        root.put("postId", post.postId());
        root.put("deepLink", deepLink(post.postId()));
        String apns = Json.write(root);
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("default", title(english));
        envelope.put("APNS", apns);
        envelope.put("APNS_SANDBOX", apns);
        return Json.write(envelope);
    }

    private String fcm(boolean english) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode message = root.putObject("fcmV1Message").putObject("message");
        ObjectNode notification = message.putObject("notification");
        notification.put("title", title(english));
        notification.put("body", body(english));
        ObjectNode data = message.putObject("data");
        data.put("postId", post.postId());
        data.put("deepLink", deepLink(post.postId()));
        ObjectNode android = message.putObject("android");
        android.put("priority", post.urgent() ? "high" : "normal");
        android.put("collapse_key", post.postId());
        android.put("ttl", ttlSeconds + "s");
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("default", title(english));
        envelope.put("GCM", Json.write(root));
        return Json.write(envelope);
    }

    private Map<String, String> apnsAttributes() {
        return Map.of(
                "AWS.SNS.MOBILE.APNS.TTL", Long.toString(ttlSeconds),
                "AWS.SNS.MOBILE.APNS_SANDBOX.TTL", Long.toString(ttlSeconds),
                "AWS.SNS.MOBILE.APNS.COLLAPSE_ID", post.postId(),
                "AWS.SNS.MOBILE.APNS.PUSH_TYPE", "alert",
                "AWS.SNS.MOBILE.APNS.PRIORITY", post.urgent() ? "10" : "5");
    }

    private Map<String, String> fcmAttributes() {
        return Map.of("AWS.SNS.MOBILE.FCM.TTL", Long.toString(ttlSeconds));
    }

    private String title(boolean english) {
        return english ? post.titleEn() : post.title();
    }

    private String body(boolean english) {
        return english ? post.bodyEn() : post.body();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
