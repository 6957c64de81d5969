package no.nabolag.core.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.nabolag.core.delivery.AudienceMember;
import org.junit.jupiter.api.Test;

class AudienceTallyTest {
    private static final AudienceQuery FROGNER_AND_SAGENE_YOUTH =
            new AudienceQuery(List.of("frogner", "sagene"), List.of("youth"), false);

    /** The subscription items of one device, one per followed district, as the audience index holds them. */
    private static List<AudienceMember> items(String deviceId, String platform, String endpointArn, boolean active,
                                              Map<String, List<String>> choices) {
        List<AudienceMember> items = new ArrayList<>();
        choices.forEach((district, categories) -> items.add(new AudienceMember(deviceId, district, platform,
                endpointArn, "nb", "Europe/Oslo", Optional.empty(), active, Set.copyOf(categories), choices)));
        return items;
    }

    private static AudienceSize tally(AudienceQuery query, String appId, List<List<AudienceMember>> devices) {
        AudienceTally tally = new AudienceTally(query);
        devices.forEach(items -> items.forEach(item -> tally.add(item, appId)));
        return tally.size();
    }

    @Test
    void aDeviceFollowingSeveralOfThePostsDistrictsIsCountedOnce() {
        var both = items("d1", "ios", "arn:1", true, Map.of("frogner", List.of("youth"), "sagene", List.of("youth")));

        AudienceSize size = tally(FROGNER_AND_SAGENE_YOUTH, "oslo", List.of(both));

        assertThat(size.total()).isEqualTo(1);
    }

    @Test
    void aDeviceCountsOnlyWhenItChoseOneOfThePostsCategoriesInAPostDistrict() {
        var youthInFrogner = items("d1", "ios", "arn:1", true, Map.of("frogner", List.of("youth")));
        var seniorsInFrogner = items("d2", "ios", "arn:2", true, Map.of("frogner", List.of("seniors")));
        // Youth chosen only in a district the post is not for.
        var youthElsewhere = items("d3", "ios", "arn:3", true, Map.of("frogner", List.of("seniors"),
                "alna", List.of("youth")));

        AudienceSize size = tally(FROGNER_AND_SAGENE_YOUTH, "oslo",
                List.of(youthInFrogner, seniorsInFrogner, youthElsewhere));

        assertThat(size.total()).isEqualTo(1);
    }

    @Test
    void disabledEndpointsAndDevicesStillWithoutAnEndpointAreNotCounted() {
        var disabled = items("d1", "ios", "arn:1", false, Map.of("frogner", List.of("youth")));
        var pending = items("d2", "android", null, true, Map.of("frogner", List.of("youth")));
        var ready = items("d3", "android", "arn:3", true, Map.of("frogner", List.of("youth")));

        AudienceSize size = tally(FROGNER_AND_SAGENE_YOUTH, "oslo", List.of(disabled, pending, ready));

        assertThat(size.total()).isEqualTo(1);
        assertThat(size.devices("oslo", "android")).isEqualTo(1);
    }

    @Test
    void theCountIsBrokenDownPerAppAndPlatformAndDevicesWithoutAnAppBelongToTheDefaultApp() {
        AudienceTally oslo = new AudienceTally(FROGNER_AND_SAGENE_YOUTH);
        items("d1", "ios", "arn:1", true, Map.of("frogner", List.of("youth"))).forEach(i -> oslo.add(i, "oslo"));
        items("d2", "android", "arn:2", true, Map.of("sagene", List.of("youth"))).forEach(i -> oslo.add(i, "oslo"));
        AudienceTally frogner = new AudienceTally(FROGNER_AND_SAGENE_YOUTH);
        items("d3", "ios", "arn:3", true, Map.of("frogner", List.of("youth"))).forEach(i -> frogner.add(i, "frogner"));
        items("d4", "ios", "arn:4", true, Map.of("frogner", List.of("youth"))).forEach(i -> frogner.add(i, null));

        AudienceSize size = oslo.add(frogner).size();

        assertThat(size.total()).isEqualTo(4);
        assertThat(size.segments()).containsExactly(
                new AudienceSize.Segment("default", "ios", 1),
                new AudienceSize.Segment("frogner", "ios", 1),
                new AudienceSize.Segment("oslo", "android", 1),
                new AudienceSize.Segment("oslo", "ios", 1));
    }

    @Test
    void urgencyDoesNotChangeWhoIsPushed() {
        var device = items("d1", "ios", "arn:1", true, Map.of("frogner", List.of("youth")));
        AudienceQuery urgent = new AudienceQuery(List.of("frogner", "sagene"), List.of("youth"), true);

        assertThat(tally(urgent, "oslo", List.of(device))).isEqualTo(tally(FROGNER_AND_SAGENE_YOUTH, "oslo", List.of(device)));
        assertThat(urgent.key()).isEqualTo(FROGNER_AND_SAGENE_YOUTH.key());
    }
}
