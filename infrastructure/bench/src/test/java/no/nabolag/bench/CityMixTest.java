package no.nabolag.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The city benchmark's residents are the documented mix, and the same city every run. */
class CityMixTest {
    private static final int RESIDENTS = 20_000;
    private final CityMix mix = new CityMix(14);

    @Test
    void theSameSeedAndIndexGiveTheSameResident() {
        CityMix.Resident first = mix.resident(1234);
        CityMix.Resident again = new CityMix(14).resident(1234);

        assertThat(again.deviceId()).isEqualTo(first.deviceId()).matches("[0-9a-f]{32}");
        assertThat(again.choices()).isEqualTo(first.choices());
        assertThat(new CityMix(15).resident(1234).deviceId()).isNotEqualTo(first.deviceId());
    }

    @Test
    void everyResidentFollowsEmergencyAtHomeAndChoosesSomethingInEveryDistrictFollowed() {
        for (int i = 0; i < RESIDENTS; i++) {
            CityMix.Resident resident = mix.resident(i);
            assertThat(resident.choices().get(resident.homeDistrict())).contains("emergency");
            assertThat(resident.choices()).hasSizeBetween(1, 3);
            assertThat(resident.choices().values()).allSatisfy(categories -> assertThat(categories).isNotEmpty());
            assertThat(CityMix.districtIds()).containsAll(resident.choices().keySet());
        }
    }

    @Test
    void theSharesAreTheDocumentedOnes() {
        int quietUntilSeven = 0;
        int withWork = 0;
        int ios = 0;
        Map<String, Integer> homes = new HashMap<>();
        for (int i = 0; i < RESIDENTS; i++) {
            CityMix.Resident resident = mix.resident(i);
            quietUntilSeven += resident.quietUntilSeven() ? 1 : 0;
            withWork += resident.choices().size() > 1 ? 1 : 0;
            ios += resident.ios() ? 1 : 0;
            homes.merge(resident.homeDistrict(), 1, Integer::sum);
        }

        assertThat(quietUntilSeven / (double) RESIDENTS).isCloseTo(0.30, within(0.01));
        // A work district for 40 %, a third one for 10 % (some of whom have no work district).
        assertThat(withWork / (double) RESIDENTS).isCloseTo(0.40 + 0.10 * 0.60, within(0.015));
        assertThat(ios / (double) RESIDENTS).isCloseTo(0.62, within(0.015));
        assertThat(homes.keySet()).containsExactlyInAnyOrderElementsOf(CityMix.districtIds());
        // Grünerløkka (65,000 residents) is home to about twice as many as Grorud (28,000).
        assertThat(homes.get("grunerlokka") / (double) homes.get("grorud")).isCloseTo(65 / 28.0, within(0.35));
        assertThat(List.copyOf(homes.values())).allSatisfy(count -> assertThat(count).isPositive());
    }
}
