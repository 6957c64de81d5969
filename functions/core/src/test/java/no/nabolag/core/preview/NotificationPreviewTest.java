package no.nabolag.core.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import no.nabolag.core.preview.NotificationPreview.Draft;
import no.nabolag.core.preview.NotificationPreview.Notification;
import org.junit.jupiter.api.Test;

class NotificationPreviewTest {
    /** A stand-in for delivery's rule that is visibly different per platform: iOS keeps 10 characters of the body. */
    private static final PushText CUTS_IOS_BODIES = (platform, title, body, urgent) ->
            "ios".equals(platform) && body.length() > 10
                    ? new PushText.Shown(title, body.substring(0, 10) + "…", true)
                    : new PushText.Shown(title, body, false);

    private final NotificationPreview preview = new NotificationPreview(CUTS_IOS_BODIES);

    @Test
    void aNorwegianOnlyPostIsPreviewedInNorwegianOnAnIphoneAndAnAndroidPhone() {
        List<Notification> notifications = preview.of(new Draft("Vannet stenges", "I morgen", null, null, false));

        assertThat(notifications).extracting(Notification::language, Notification::platform, Notification::service)
                .containsExactly(tuple("nb", "ios", "APNs"), tuple("nb", "android", "FCM"));
    }

    @Test
    void aPostWithAnEnglishTitleAndBodyIsAlsoPreviewedInEnglish() {
        List<Notification> notifications = preview.of(
                new Draft("Vannet stenges", "I morgen", "Water shut off", "Tomorrow", false));

        assertThat(notifications).extracting(Notification::language).containsExactly("nb", "nb", "en", "en");
        assertThat(notifications.get(2).title()).isEqualTo("Water shut off");
    }

    @Test
    void anEnglishTitleWithoutABodyIsNotSentSoNotPreviewed() {
        assertThat(preview.of(new Draft("Vannet stenges", "I morgen", "Water shut off", " ", false)))
                .extracting(Notification::language).containsOnly("nb");
    }

    @Test
    void eachNotificationShowsTheTextAsDeliveryFitsItForThatPlatform() {
        List<Notification> notifications = preview.of(
                new Draft("Vannet stenges", "Vannet stenges i Frognerveien natt til tirsdag", null, null, false));

        assertThat(notifications.get(0).body()).isEqualTo("Vannet ste…");
        assertThat(notifications.get(0).shortened()).isTrue();
        assertThat(notifications.get(1).body()).isEqualTo("Vannet stenges i Frognerveien natt til tirsdag");
        assertThat(notifications.get(1).shortened()).isFalse();
    }
}
