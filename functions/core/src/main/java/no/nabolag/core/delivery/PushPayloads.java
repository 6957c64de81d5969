package no.nabolag.core.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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
 *   <li>iOS: MessageStructure=json with the key of the endpoint's platform application (APNS or APNS_SANDBOX, read
 *   from the endpoint ARN; both when the ARN does not say); {@code aps.alert.title/body}, {@code thread-id} =
 *   district, plus postId and deepLink; attributes AWS.SNS.MOBILE.APNS.COLLAPSE_ID (post id), .TTL (expiry),
 *   .PUSH_TYPE alert, .PRIORITY 10 (urgent) or 5.</li>
 *   <li>Android: key GCM holding an FCM HTTP v1 message ({@code fcmV1Message.message}) with notification and
 *   data {postId, deepLink}, android.collapse_key, priority and ttl; attribute AWS.SNS.MOBILE.FCM.TTL.</li>
 * </ul>
 *
 * <h2>Every push fits</h2>
 * APNs and FCM take at most {@value #MAX_PAYLOAD_BYTES} bytes of payload. The whole Publish message (SNS's JSON
 * envelope, which holds the platform payload once more JSON-escaped, plus the {@code default} entry) is kept within
 * that many UTF-8 bytes, so the platform payload always fits with room to spare. Where the text is too long,
 * {@link NotificationText#fit} keeps the title whole and shortens the body at a word boundary with an ellipsis; the
 * post id in the payload lets the app show the whole text.
 * All text goes through Jackson, which escapes it for JSON (the only output format here).
 */
public final class PushPayloads {
    public static final Duration DEFAULT_TTL = Duration.ofDays(1);
    /** APNs' and FCM's payload limit, which the whole SNS message is kept within. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    /** Placeholders as long as the longest real ids, so a preview is never longer than what is sent. */
    private static final String PREVIEW_POST_ID = "0".repeat(32);
    private static final String PREVIEW_DISTRICT_ID = "d".repeat(64);
    private static final Set<String> NORWEGIAN = Set.of("nb", "nn", "no");

    /** SNS's message keys of the platform applications. */
    enum PlatformKey {
        APNS, APNS_SANDBOX, APNS_BOTH, GCM;

        boolean ios() {
            return this != GCM;
        }

        /** From the endpoint ARN ({@code ...:endpoint/APNS_SANDBOX/app/id}), else from the device's platform. */
        static PlatformKey of(String endpointArn, String platform) {
            if (endpointArn != null) {
                if (endpointArn.contains(":endpoint/APNS_SANDBOX/")) {
                    return APNS_SANDBOX;
                }
                if (endpointArn.contains(":endpoint/APNS/")) {
                    return APNS;
                }
                if (endpointArn.contains(":endpoint/GCM/")) {
                    return GCM;
                }
            }
            return isIos(platform) ? APNS_BOTH : GCM;
        }
    }

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

    /**
     * What a phone of the platform ({@code ios} or {@code android}) will show of a text, with the shortening delivery
     * applies (the console's preview while a post is written). Computed with ids as long as real ones can be, so the
     * real push is never shorter than the preview.
     */
    public static NotificationText preview(String platform, String title, String body, boolean urgent) {
        DeliveryPost draft = new DeliveryPost(PREVIEW_POST_ID, DeliveryPost.PUBLISHED, java.util.List.of(),
                java.util.List.of(), title, body, null, null, urgent, null);
        PushPayloads payloads = new PushPayloads(draft, Instant.EPOCH);
        PlatformKey key = isIos(platform) ? PlatformKey.APNS_BOTH : PlatformKey.GCM;
        return payloads.fit(key, false, PREVIEW_DISTRICT_ID);
    }

    /** True when the device reads English: its locale is not Norwegian and the post has an English version. */
    public boolean english(String locale) {
        String language = locale == null ? "nb" : locale.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
        return !NORWEGIAN.contains(language) && hasText(post.titleEn()) && hasText(post.bodyEn());
    }

    public PushMessage messageFor(Recipient recipient) {
        boolean english = english(recipient.locale());
        PlatformKey platform = PlatformKey.of(recipient.endpointArn(), recipient.platform());
        String key = platform.name() + '|' + (english ? "en" : "nb") + '|' + recipient.districtId();
        String message = messages.computeIfAbsent(key, k -> {
            NotificationText text = fit(platform, english, recipient.districtId());
            return message(platform, text, recipient.districtId());
        });
        Map<String, String> attributes = attributesByPlatform.computeIfAbsent(platform.ios() ? "ios" : "android",
                p -> platform.ios() ? apnsAttributes() : fcmAttributes());
        return new PushMessage(post.postId(), recipient.deviceId(), recipient.endpointArn(), message, attributes);
    }

    public static boolean isIos(String platform) {
        return "ios".equalsIgnoreCase(platform);
    }

    private NotificationText fit(PlatformKey platform, boolean english, String districtId) {
        return NotificationText.fit(english ? post.titleEn() : post.title(), english ? post.bodyEn() : post.body(),
                text -> message(platform, text, districtId).getBytes(StandardCharsets.UTF_8).length,
                MAX_PAYLOAD_BYTES);
    }

    private String message(PlatformKey platform, NotificationText text, String districtId) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("default", text.title());
        if (platform.ios()) {
            String apns = apns(text, districtId);
            if (platform != PlatformKey.APNS_SANDBOX) {
                envelope.put("APNS", apns);
            }
            if (platform != PlatformKey.APNS) {
                envelope.put("APNS_SANDBOX", apns);
            }
        } else {
            envelope.put("GCM", fcm(text));
        }
        return Json.write(envelope);
    }

    private String apns(NotificationText text, String districtId) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode aps = root.putObject("aps");
        ObjectNode alert = aps.putObject("alert");
        alert.put("title", text.title());
        alert.put("body", text.body());
        aps.put("thread-id", districtId);
        aps.put("sound", "default");
        aps.put("interruption-level", post.urgent() ? "time-sensitive" : "active");
        root.put("postId", post.postId());
        root.put("deepLink", deepLink(post.postId()));
        return Json.write(root);
    }

    private String fcm(NotificationText text) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode message = root.putObject("fcmV1Message").putObject("message");
        ObjectNode notification = message.putObject("notification");
        notification.put("title", text.title());
        notification.put("body", text.body());
        ObjectNode data = message.putObject("data");
        data.put("postId", post.postId());
        data.put("deepLink", deepLink(post.postId()));
        ObjectNode android = message.putObject("android");
        android.put("priority", post.urgent() ? "high" : "normal");
        android.put("collapse_key", post.postId());
        android.put("ttl", ttlSeconds + "s");
        return Json.write(root);
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

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
