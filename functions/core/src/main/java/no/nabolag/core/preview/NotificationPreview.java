package no.nabolag.core.preview;

import java.util.ArrayList;
import java.util.List;

/**
 * The notifications residents will get for a draft post: per language the post is written in (Norwegian always,
 * English when it has an English title and body, which is when delivery sends English to devices that read it) and
 * per push service (APNs for iOS, FCM for Android), the title and body exactly as delivery will send them.
 */
public final class NotificationPreview {
    public static final List<String> PLATFORMS = List.of("ios", "android");

    private final PushText pushText;

    public NotificationPreview(PushText pushText) {
        this.pushText = pushText;
    }

    /** A post as written, before it is sent. */
    public record Draft(String title, String body, String titleEn, String bodyEn, boolean urgent) {
    }

    /**
     * One notification as a phone shows it.
     *
     * @param language {@code nb} or {@code en}
     * @param platform {@code ios} or {@code android}
     * @param service  {@code APNs} or {@code FCM}
     */
    public record Notification(String language, String platform, String service, String title, String body,
                               boolean shortened) {
    }

    public List<Notification> of(Draft draft) {
        List<Notification> notifications = new ArrayList<>();
        add(notifications, "nb", draft.title(), draft.body(), draft.urgent());
        if (hasText(draft.titleEn()) && hasText(draft.bodyEn())) {
            add(notifications, "en", draft.titleEn(), draft.bodyEn(), draft.urgent());
        }
        return notifications;
    }

    private void add(List<Notification> notifications, String language, String title, String body, boolean urgent) {
        for (String platform : PLATFORMS) {
            PushText.Shown shown = pushText.fit(platform, title == null ? "" : title, body == null ? "" : body, urgent);
            notifications.add(new Notification(language, platform, "ios".equals(platform) ? "APNs" : "FCM",
                    shown.title(), shown.body(), shown.shortened()));
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
