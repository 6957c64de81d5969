package no.nabolag.lambda.http.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormDataTest {

    @Test
    void repeatedNamesKeepEveryValueInOrderAndEscapesAreDecoded() {
        FormData form = FormData.parse("district=frogner&district=ullern&title=Vann+%26+avl%C3%B8p&urgent=on&empty=");

        assertThat(form.all("district")).containsExactly("frogner", "ullern");
        assertThat(form.first("title")).isEqualTo("Vann & avløp");
        assertThat(form.checked("urgent")).isTrue();
        assertThat(form.has("empty")).isTrue();
        assertThat(form.first("missing")).isEmpty();
        assertThat(form.checked("missing")).isFalse();
    }

    @Test
    void aMalformedEscapeIsKeptAsWrittenInsteadOfFailingTheRequest() {
        assertThat(FormData.parse("categories=%zz").first("categories")).isEqualTo("%zz");
        assertThat(FormData.decode("")).isEmpty();
    }
}
