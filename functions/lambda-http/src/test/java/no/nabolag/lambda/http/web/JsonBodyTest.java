package no.nabolag.lambda.http.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import no.nabolag.core.error.FieldError;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static HttpRequest post(String body) {
        return new HttpRequest("POST", "/x", "POST /x", Map.of(), Map.of(), Map.of(), body, "127.0.0.1");
    }

    @Test
    void everyWronglyTypedFieldIsNamedInOneAnswer() {
        JsonBody body = JsonBody.of(post("{\"name\": 7, \"ids\": [\"a\", 2], \"trusted\": \"yes\", \"order\": 1.5,"
                + " \"names\": {\"nb\": \"Ok\", \"en\": false}}"));

        body.text("name");
        body.strings("ids");
        body.bool("trusted");
        body.integer("order");
        body.texts("names");

        assertThat(body.errors()).extracting(FieldError::field)
                .containsExactly("name", "ids[1]", "trusted", "order", "names.en");
        assertThatThrownBy(body::failOnErrors).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void absentAndNullFieldsReadAsNullWithoutAnError() {
        JsonBody body = JsonBody.of(post("{\"a\": null}"));

        assertThat(body.text("a")).isNull();
        assertThat(body.strings("missing")).isNull();
        assertThat(body.errors()).isEmpty();
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsABadRequest() {
        for (String bad : new String[] {"", "[1]", "{oops"}) {
            assertThatThrownBy(() -> JsonBody.of(post(bad))).isInstanceOfSatisfying(ProblemException.class,
                    e -> assertThat(e.problem().status()).isEqualTo(400));
        }
    }
}
