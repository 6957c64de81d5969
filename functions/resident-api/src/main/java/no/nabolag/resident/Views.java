package no.nabolag.resident;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.feed.FeedPost;
import no.nabolag.core.subscription.SubscriptionChoice;
import no.nabolag.core.subscription.Subscriptions;

/** The JSON bodies of the resident API (camelCase), as described in openapi.yaml. */
final class Views {
    private Views() {
    }

    record DistrictView(String districtId, String name) {
    }

    record TenantView(String tenantId, String name, List<DistrictView> districts) {
    }

    record CategoryView(String categoryId, String name, String description) {
    }

    record RegisteredDevice(String deviceId, String deviceSecret) {
    }

    /** push: pending, ready, disabled (APNs/FCM disabled the endpoint) or invalid (SNS refused the token). */
    record DeviceView(String deviceId, String appId, String platform, String locale, String timeZone, String push) {
        static DeviceView of(Device d) {
            String push = switch (d.endpointState()) {
                case PENDING -> "pending";
                case INVALID -> "invalid";
                case READY -> d.active() ? "ready" : "disabled";
            };
            return new DeviceView(d.deviceId(), d.appId(), d.platform().id(), d.locale(), d.timeZone(), push);
        }
    }

    record QuietHoursView(String start, String end) {
    }

    record SubscriptionView(String districtId, List<String> categories) {
    }

    record SubscriptionsView(List<SubscriptionView> subscriptions,
                             @JsonInclude(JsonInclude.Include.ALWAYS) QuietHoursView quietHours) {
        static SubscriptionsView of(Subscriptions s) {
            QuietHours q = s.quietHours();
            return new SubscriptionsView(s.subscriptions().stream().map(SubscriptionsView::of).toList(),
                    q == null ? null : new QuietHoursView(q.start(), q.end()));
        }

        private static SubscriptionView of(SubscriptionChoice c) {
            return new SubscriptionView(c.districtId(), c.categories());
        }
    }

    /** A post as residents see it, in one language: English when asked for and available, else the original. */
    record PostView(String postId, String tenantId, String organizationName, List<String> districtIds,
                    List<String> categoryIds, String title, String body, String url, boolean urgent,
                    String publishedAt, String expiresAt, String language) {
        static PostView of(FeedPost p, String lang, Catalog catalog) {
            boolean english = p.englishFor(lang);
            String original = catalog.tenant(p.tenantId()).map(t -> t.defaultLocale()).orElse("nb");
            return new PostView(p.postId(), p.tenantId(), p.organizationName(), p.districtIds(), p.categoryIds(),
                    english ? p.titleEn() : p.title(),
                    english && p.bodyEn() != null ? p.bodyEn() : p.body(),
                    p.url(), p.urgent(), p.publishedAt(), p.expiresAt(), english ? "en" : original);
        }
    }

    record FeedView(List<PostView> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
    }
}
