package no.nabolag.core.delivery;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who gets a post: a device matches when it follows one of the post's districts and, in that district, one of
 * the post's categories. A device gets the post once: only the worker of the first post district (in the post's
 * districtIds order) in which the device matches sends it. Every worker decides that alone from {@code choices}.
 */
public final class AudienceMatcher {
    private AudienceMatcher() {
    }

    /** The district whose worker delivers the post to this device, if the device matches at all. */
    public static Optional<String> deliveringDistrict(DeliveryPost post, AudienceMember member) {
        for (String districtId : post.districtIds()) {
            Collection<String> chosen = member.choices() == null || member.choices().isEmpty()
                    ? (districtId.equals(member.districtId()) ? member.categories() : null)
                    : member.choices().get(districtId);
            if (chosen != null && intersects(chosen, post.categoryIds())) {
                return Optional.of(districtId);
            }
        }
        return Optional.empty();
    }

    /** True when the worker reading {@code member}'s item (its districtId) is the one that sends to it. */
    public static boolean sendsHere(DeliveryPost post, AudienceMember member) {
        return deliveringDistrict(post, member).filter(member.districtId()::equals).isPresent();
    }

    private static boolean intersects(Collection<String> chosen, List<String> wanted) {
        for (String category : wanted) {
            if (chosen.contains(category)) {
                return true;
            }
        }
        return false;
    }
}
