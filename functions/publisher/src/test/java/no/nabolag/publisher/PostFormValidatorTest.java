package no.nabolag.publisher;

import no.nabolag.lambda.http.web.FormData;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostFormValidatorTest {
    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z"); // 21:00 in Oslo
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Set<String> DISTRICTS = Set.of("sagene", "frogner");
    private static final Set<String> CATEGORIES = Set.of("youth", "culture-events");
    private final PostFormValidator validator = new PostFormValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    private static PostFormInput input(String title, String body, List<String> districts, List<String> categories,
                                       String url, String publishAt, String expiresAt, boolean urgent,
                                       String titleEn, String bodyEn) {
        return new PostFormInput(title, body, districts, categories, url, publishAt, expiresAt, urgent, titleEn, bodyEn);
    }

    private static PostFormInput valid() {
        return input("Konsert i parken", "Velkommen!\nhttps://sagene.example.no", List.of("sagene"),
                List.of("culture-events"), "", "", "", false, "", "");
    }

    @Test
    void validInputBecomesADraft() {
        PostFormValidator.Result result = validator.validate(valid(), DISTRICTS, CATEGORIES, true, OSLO);

        assertThat(result.valid()).isTrue();
        assertThat(result.draft().districtIds()).containsExactly("sagene");
        assertThat(result.draft().publishAt()).isNull();
        assertThat(result.draft().titleEn()).isNull();
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        PostFormValidator.Result result = validator.validate(
                input("", "", List.of(), List.of(), "", "", "", false, "", ""), DISTRICTS, CATEGORIES, true, OSLO);

        assertThat(result.errors()).containsEntry("title", "error.title.required")
                .containsEntry("body", "error.body.required")
                .containsEntry("district", "error.district.required")
                .containsEntry("category", "error.category.required")
                .hasSize(4);
    }

    @Test
    void lengthsAreCountedInCharactersAtTheLimits() {
        String title120 = "ø".repeat(119) + "😀"; // 120 characters, 121 UTF-16 units
        assertThat(validator.validate(input(title120, "x".repeat(4000), List.of("sagene"), List.of("youth"), "", "", "",
                false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).valid()).isTrue();
        assertThat(validator.validate(input("x".repeat(121), "x".repeat(4001), List.of("sagene"), List.of("youth"), "",
                "", "", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).errors())
                .containsEntry("title", "error.title.tooLong").containsEntry("body", "error.body.tooLong");
    }

    @Test
    void onlyTheOrganisationsOwnDistrictsAndCategories() {
        PostFormValidator.Result result = validator.validate(input("T", "B", List.of("sagene", "grorud"),
                List.of("emergency"), "", "", "", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO);

        assertThat(result.errors()).containsEntry("district", "error.district.invalid")
                .containsEntry("category", "error.category.invalid");
    }

    @Test
    void urlMustBeHttps() {
        for (String bad : List.of("http://x.no", "javascript:alert(1)", "https://", "https:///path", "x.no",
                "https://exa mple.no", "https://user:pw@x.no/", "data:text/html,hi")) {
            assertThat(PostFormValidator.httpsUrl(bad)).as(bad).isNull();
        }
        assertThat(PostFormValidator.httpsUrl("https://oslo.kommune.no/a?b=c#d")).isNotNull();
        assertThat(PostFormValidator.httpsUrl("HTTPS://OSLO.KOMMUNE.NO")).isNotNull();
    }

    @Test
    void timesAreLocalToTheTenantAndOrdered() {
        PostFormInput scheduled = input("T", "B", List.of("sagene"), List.of("youth"), "", "2026-12-24T10:00",
                "2026-12-24T18:30", false, "", "");
        PostFormValidator.Result ok = validator.validate(scheduled, DISTRICTS, CATEGORIES, false, OSLO);
        assertThat(ok.draft().publishAt()).isEqualTo(Instant.parse("2026-12-24T09:00:00Z"));
        assertThat(ok.draft().expiresAt()).isEqualTo(Instant.parse("2026-12-24T17:30:00Z"));

        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "2026-12-24T10:00",
                "2026-12-24T09:00", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).errors())
                .containsEntry("expiresAt", "error.expiresAt.beforePublish");
        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "2026-11-27T10:00",
                "2026-11-28T20:59", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).errors())
                .containsEntry("publishAt", "error.publishAt.past")
                .containsEntry("expiresAt", "error.expiresAt.past");
        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "24.12.2026 10:00",
                "2028-01-01T00:00", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).errors())
                .containsEntry("publishAt", "error.dateTime.invalid").doesNotContainKey("expiresAt");
        // a few minutes ago (the form was slow to fill in) counts as now
        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "2026-11-28T20:55",
                "", false, "", ""), DISTRICTS, CATEGORIES, false, OSLO).valid()).isTrue();
    }

    @Test
    void urgentOnlyForUnits() {
        PostFormInput urgent = input("T", "B", List.of("sagene"), List.of("youth"), "", "", "", true, "", "");

        assertThat(validator.validate(urgent, DISTRICTS, CATEGORIES, true, OSLO).draft().urgent()).isTrue();
        assertThat(validator.validate(urgent, DISTRICTS, CATEGORIES, false, OSLO).draft().urgent()).isFalse();
    }

    @Test
    void englishVersionNeedsBothTitleAndText() {
        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "", "", false, "Title", ""),
                DISTRICTS, CATEGORIES, false, OSLO).errors()).containsOnlyKeys("bodyEn");
        assertThat(validator.validate(input("T", "B", List.of("sagene"), List.of("youth"), "", "", "", false, "", "Text"),
                DISTRICTS, CATEGORIES, false, OSLO).errors()).containsOnlyKeys("titleEn");
    }

    @Test
    void formInputIsCleanedOfControlCharactersAndCrLf() {
        PostFormInput in = PostFormInput.from(FormData.parse(
                "title=%20Hei%00du%20&body=a%0D%0Ab%07&district=sagene&district=frogner&urgent=on"));

        assertThat(in.title()).isEqualTo("Hei du");
        assertThat(in.body()).isEqualTo("a\nb");
        assertThat(in.districts()).containsExactly("sagene", "frogner");
        assertThat(in.urgent()).isTrue();
    }
}
