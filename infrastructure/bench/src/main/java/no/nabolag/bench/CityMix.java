package no.nabolag.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The residents of the city benchmark: who follows which districts and categories, on which phone, in which language,
 * with which quiet hours. Deterministic per device index (the same run loads the same city), and documented in
 * BENCHMARKS.md ("A city in a benchmark"), where the shares below are explained.
 *
 * <ul>
 *   <li>Home district: Oslo's 15 districts, weighted by population (SSB, 1 January 2024, in thousands).</li>
 *   <li>A work district (another one) for {@value #WORK_SHARE_PERCENT} %, weighted by jobs (the centre, Frogner
 *   and St. Hanshaugen draw most); a third district (parents, a school across town) for
 *   {@value #THIRD_SHARE_PERCENT} %.</li>
 *   <li>Home categories: {@code emergency} for everyone (pre-selected by the app), each other category with its own
 *   popularity; a work district roads-water / culture / emergency; a third district culture / emergency / seniors;
 *   never an empty choice.</li>
 *   <li>62 % iPhone, 38 % Android; 86 % Bokmål, 4 % Nynorsk, 10 % English.</li>
 *   <li>Quiet hours: {@value #QUIET_UNTIL_SEVEN_PERCENT} % 22:00-07:00 (the 07:00 wave), 12 % 23:00-06:00, the rest
 *   none.</li>
 * </ul>
 */
public final class CityMix {
    static final int WORK_SHARE_PERCENT = 40;
    static final int THIRD_SHARE_PERCENT = 10;
    static final int QUIET_UNTIL_SEVEN_PERCENT = 30;
    static final int QUIET_UNTIL_SIX_PERCENT = 12;

    /** District id, residents (thousands, SSB 2024), jobs weight (relative). */
    record District(String id, int residents, double jobs) {
    }

    static final List<District> DISTRICTS = List.of(
            new District("gamle-oslo", 63, 3.0),
            new District("grunerlokka", 65, 1.5),
            new District("sagene", 46, 0.8),
            new District("st-hanshaugen", 40, 2.0),
            new District("frogner", 60, 2.5),
            new District("ullern", 35, 1.0),
            new District("vestre-aker", 51, 0.6),
            new District("nordre-aker", 54, 1.2),
            new District("bjerke", 35, 1.0),
            new District("grorud", 28, 0.5),
            new District("stovner", 34, 0.4),
            new District("alna", 50, 1.0),
            new District("ostensjo", 52, 0.6),
            new District("nordstrand", 53, 0.5),
            new District("sondre-nordstrand", 40, 0.4));

    /** Home-district categories besides emergency, with the share of residents choosing each. */
    static final Map<String, Double> HOME_CATEGORIES = orderedMap(
            "roads-water", 0.55, "culture-events", 0.45, "environment-waste", 0.40, "sports-outdoors", 0.35,
            "children-families", 0.30, "schools", 0.30, "health-care", 0.25, "seniors", 0.15, "youth", 0.12,
            "volunteering", 0.10);
    static final Map<String, Double> WORK_CATEGORIES = orderedMap("roads-water", 0.70, "emergency", 0.50,
            "culture-events", 0.30);
    static final Map<String, Double> THIRD_CATEGORIES = orderedMap("culture-events", 0.50, "emergency", 0.40,
            "seniors", 0.20);

    /** One resident's device. {@code quietHours} is null or {start, end}. */
    public record Resident(String deviceId, String homeDistrict, Map<String, List<String>> choices, boolean ios,
                           String locale, String[] quietHours) {
        public boolean quietUntilSeven() {
            return quietHours != null && "07:00".equals(quietHours[1]);
        }
    }

    private final long seed;

    public CityMix(long seed) {
        this.seed = seed;
    }

    public static List<String> districtIds() {
        return DISTRICTS.stream().map(District::id).toList();
    }

    /** Resident number {@code index}: the same for the same seed and index. */
    public Resident resident(int index) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String deviceId = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
        int home = pick(random, d -> d.residents(), -1, -1);
        Map<String, List<String>> choices = new LinkedHashMap<>();
        List<String> homeCategories = new ArrayList<>();
        homeCategories.add("emergency");
        HOME_CATEGORIES.forEach((category, share) -> {
            if (random.nextDouble() < share) {
                homeCategories.add(category);
            }
        });
        choices.put(DISTRICTS.get(home).id(), homeCategories);
        int work = -1;
        if (random.nextInt(100) < WORK_SHARE_PERCENT) {
            work = pick(random, District::jobs, home, -1);
            choices.put(DISTRICTS.get(work).id(), some(random, WORK_CATEGORIES));
        }
        if (random.nextInt(100) < THIRD_SHARE_PERCENT) {
            int third = pick(random, d -> d.residents(), home, work);
            choices.put(DISTRICTS.get(third).id(), some(random, THIRD_CATEGORIES));
        }
        boolean ios = random.nextInt(100) < 62;
        int language = random.nextInt(100);
        String locale = language < 86 ? "nb" : language < 90 ? "nn" : "en";
        int quiet = random.nextInt(100);
        String[] quietHours = quiet < QUIET_UNTIL_SEVEN_PERCENT ? new String[] {"22:00", "07:00"}
                : quiet < QUIET_UNTIL_SEVEN_PERCENT + QUIET_UNTIL_SIX_PERCENT ? new String[] {"23:00", "06:00"} : null;
        return new Resident(deviceId, DISTRICTS.get(home).id(), choices, ios, locale, quietHours);
    }

    private static List<String> some(SplittableRandom random, Map<String, Double> shares) {
        List<String> chosen = new ArrayList<>();
        shares.forEach((category, share) -> {
            if (random.nextDouble() < share) {
                chosen.add(category);
            }
        });
        if (chosen.isEmpty()) {
            chosen.add(shares.keySet().iterator().next());
        }
        return chosen;
    }

    /** A district by weight, never one of the excluded indexes. */
    private static int pick(SplittableRandom random, java.util.function.ToDoubleFunction<District> weight,
                            int excluded, int alsoExcluded) {
        double total = 0;
        for (int i = 0; i < DISTRICTS.size(); i++) {
            if (i != excluded && i != alsoExcluded) {
                total += weight.applyAsDouble(DISTRICTS.get(i));
            }
        }
        double point = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < DISTRICTS.size(); i++) {
            if (i == excluded || i == alsoExcluded) {
                continue;
            }
            last = i;
            point -= weight.applyAsDouble(DISTRICTS.get(i));
            if (point < 0) {
                return i;
            }
        }
        return last;
    }

    private static Map<String, Double> orderedMap(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
