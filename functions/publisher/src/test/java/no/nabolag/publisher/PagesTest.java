package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.OrganizationKind;
import no.nabolag.core.organization.TenantCatalog;
import org.junit.jupiter.api.Test;

class PagesTest {
    private static final String XSS = "<script>alert(1)</script>\"'";
    private static final TenantCatalog OSLO = new TenantCatalog("oslo", "Oslo", ZoneId.of("Europe/Oslo"),
            List.of(new TenantCatalog.Entry("sagene", Map.of("nb", "Sagene", "en", "Sagene"), 0, false),
                    new TenantCatalog.Entry("grunerlokka", Map.of("nb", "Grünerløkka"), 0, false)),
            List.of(new TenantCatalog.Entry("youth", Map.of("nb", "Ungdom", "en", "Youth"), 1, false),
                    new TenantCatalog.Entry("old", Map.of("nb", "Gammel"), 2, true)));

    private static Organization org(OrganizationKind kind, String name) {
        return new Organization("org1", name, kind, "oslo", List.of("sagene", "grunerlokka"), List.of("youth", "old"),
                false, Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void userTextIsEscapedEverywhereInTheForm() {
        PostFormInput in = new PostFormInput(XSS, XSS, List.of("sagene"), List.of(), XSS, XSS, "", false, XSS, "");
        Page page = new Page(Language.NB, false, "https://nabolag.example.no", "tok");

        String html = Html.render("form", FormView.model(page, org(OrganizationKind.EXTERNAL, XSS), OSLO, in,
                Map.of("title", "error.title.tooLong"), "csrf\"token", null));

        assertThat(html).doesNotContain("<script>").doesNotContain("csrf\"token")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void formIsAccessibleBokmaalByDefault() {
        Page page = new Page(Language.NB, false, "https://nabolag.example.no", "tok");

        String html = Html.render("form", FormView.model(page, org(OrganizationKind.UNIT, "Sagene bibliotek"), OSLO,
                PostFormInput.EMPTY, Map.of(), "csrf", null));

        assertThat(html).contains("<html lang=\"nb\">", "<label for=\"title\">Tittel</label>",
                "<legend>Bydeler</legend>", "<legend>Kategorier</legend>", "id=\"district-sagene\"",
                "Grünerløkka", "name=\"urgent\"", "type=\"datetime-local\"", "Europe/Oslo",
                "action=\"https://nabolag.example.no/p/tok\"",
                "href=\"https://nabolag.example.no/p/assets/form.css\"")
                .doesNotContain("Gammel") // retired category
                .doesNotContain("aria-invalid") // no errors yet
                .doesNotContain("style=").doesNotContain("<script");
        // the only category is pre-selected
        assertThat(html).containsPattern("id=\"category-youth\" name=\"category\" value=\"youth\" checked");
    }

    @Test
    void errorsAreSummarisedWithLinksAndShownBesideTheirFields() {
        Page page = new Page(Language.EN, true, "https://nabolag.example.no", "tok");
        PostFormInput in = new PostFormInput("", "kept body", List.of(), List.of(), "http://x", "", "", false, "", "");

        String html = Html.render("form", FormView.model(page, org(OrganizationKind.EXTERNAL, "Club"), OSLO, in,
                Map.of("title", "error.title.required", "district", "error.district.required", "url", "error.url.https"),
                "csrf", null));

        assertThat(html).contains("<html lang=\"en\">", "There is a problem", "href=\"#title\"",
                "href=\"#district-sagene\"", "href=\"#url\"", "id=\"title-error\"",
                "aria-describedby=\"title-hint title-error\"", "aria-invalid=\"true\"", ">kept body</textarea>",
                "value=\"http://x\"", "action=\"https://nabolag.example.no/p/tok?lang&#61;en\"" /* Mustache escapes = as &#61; */)
                .doesNotContain("name=\"urgent\""); // external organisations cannot send urgent posts
    }

    @Test
    void messagesHaveTheSameKeysInBothLanguages() {
        assertThat(flatten(Messages.tree(Language.EN))).isEqualTo(flatten(Messages.tree(Language.NB)));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<String> flatten(Map<String, Object> tree) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        tree.forEach((k, v) -> {
            if (v instanceof Map) {
                flatten((Map<String, Object>) v).forEach(child -> keys.add(k + "." + child));
            } else {
                keys.add(k);
            }
        });
        return keys;
    }
}
