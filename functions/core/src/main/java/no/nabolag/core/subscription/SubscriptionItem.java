package no.nabolag.core.subscription;

import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import no.nabolag.core.device.QuietHours;

/**
 * One SubscriptionsTable item: a (device, district) pair with everything delivery needs, so delivery reads only
 * this table (docs/data-model.md). {@code choices} is the device's whole choice set, identical on all its items;
 * {@code appId} is the device's app, {@code endpointArn} null until the endpoint worker made the endpoint.
 */
public record SubscriptionItem(String deviceId, String districtId, String tenantId, String appId,
                               SortedSet<String> categories,
                               Map<String, List<String>> choices, String audienceShard, String platform,
                               String endpointArn, String locale, String timeZone, QuietHours quietHours,
                               boolean active) {
}
