package no.nabolag.core.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.device.QuietHours;

/**
 * One subscription item of an audience shard, as delivery reads it from the {@code audience} index:
 * the device's endpoint and preferences, the district of this item and the device's whole choice set.
 */
public record AudienceMember(
        String deviceId,
        String districtId,
        String platform,
        String endpointArn,
        String locale,
        String timeZone,
        Optional<QuietHours> quietHours,
        boolean active,
        Set<String> categories,
        Map<String, List<String>> choices) {
}
