package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AudienceMatcherTest {

    static DeliveryPost post(List<String> districts, List<String> categories) {
        return new DeliveryPost("p1", "PUBLISHED", districts, categories, "Tittel", "Tekst", null, null, false, null);
    }

    static AudienceMember member(String district, Map<String, List<String>> choices) {
        return new AudienceMember("d1", district, "ios", "arn:endpoint", "nb", "Europe/Oslo", Optional.empty(), true,
                Set.copyOf(choices.getOrDefault(district, List.of())), choices);
    }

    @Test
    void aDeviceMatchesWhenItFollowsAPostDistrictAndOneOfItsCategoriesThere() {
        DeliveryPost post = post(List.of("frogner"), List.of("youth", "seniors"));

        assertThat(AudienceMatcher.sendsHere(post, member("frogner", Map.of("frogner", List.of("seniors"))))).isTrue();
        assertThat(AudienceMatcher.sendsHere(post, member("frogner", Map.of("frogner", List.of("schools"))))).isFalse();
    }

    @Test
    void categoriesChosenInAnotherDistrictDoNotCount() {
        DeliveryPost post = post(List.of("frogner"), List.of("youth"));
        Map<String, List<String>> choices = Map.of("frogner", List.of("schools"), "sagene", List.of("youth"));

        assertThat(AudienceMatcher.deliveringDistrict(post, member("frogner", choices))).isEmpty();
    }

    @Test
    void aDeviceFollowingTwoPostDistrictsIsSentToOnlyByTheFirstDistrictsWorker() {
        DeliveryPost post = post(List.of("sagene", "frogner"), List.of("youth"));
        Map<String, List<String>> choices = Map.of("frogner", List.of("youth"), "sagene", List.of("youth"));

        assertThat(AudienceMatcher.sendsHere(post, member("sagene", choices))).isTrue();
        assertThat(AudienceMatcher.sendsHere(post, member("frogner", choices))).isFalse();
    }

    @Test
    void whenTheFirstDistrictDoesNotMatchTheNextOneSends() {
        DeliveryPost post = post(List.of("sagene", "frogner"), List.of("youth"));
        Map<String, List<String>> choices = Map.of("frogner", List.of("youth"), "sagene", List.of("seniors"));

        assertThat(AudienceMatcher.sendsHere(post, member("sagene", choices))).isFalse();
        assertThat(AudienceMatcher.sendsHere(post, member("frogner", choices))).isTrue();
    }

    @Test
    void withoutChoicesTheItemsOwnCategoriesDecide() {
        DeliveryPost post = post(List.of("frogner"), List.of("youth"));
        AudienceMember member = new AudienceMember("d1", "frogner", "ios", "arn", "nb", null, Optional.empty(), true,
                Set.of("youth"), Map.of());

        assertThat(AudienceMatcher.sendsHere(post, member)).isTrue();
    }
}
