package no.nabolag.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import no.nabolag.lambda.http.web.HttpRequest;
import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void bokmaalUnlessEnglishIsAskedFor() {
        assertThat(Language.of(request(null, null))).isEqualTo(Language.NB);
        assertThat(Language.of(request("en", null))).isEqualTo(Language.EN);
        assertThat(Language.of(request("nb", "en-GB"))).isEqualTo(Language.NB);
        assertThat(Language.of(request(null, "en-GB,en;q=0.9"))).isEqualTo(Language.EN);
        assertThat(Language.of(request(null, "nn-NO,en;q=0.5"))).isEqualTo(Language.NB);
        assertThat(Language.of(request(null, "de-DE,en;q=0.5"))).isEqualTo(Language.EN);
        assertThat(Language.of(request(null, "de-DE"))).isEqualTo(Language.NB);
        assertThat(Language.of(request(null, ";;;garbage"))).isEqualTo(Language.NB);
        assertThat(Language.of(request("xx", null))).isEqualTo(Language.NB);
    }

    private static HttpRequest request(String lang, String acceptLanguage) {
        return new HttpRequest("GET", "/p/x", "GET /p/{linkToken}", Map.of(),
                lang == null ? Map.of() : Map.of("lang", List.of(lang)),
                acceptLanguage == null ? Map.of() : Map.of("accept-language", acceptLanguage), "", null);
    }
}
