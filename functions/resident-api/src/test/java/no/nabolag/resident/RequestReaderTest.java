package no.nabolag.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.subscription.SubscriptionChoice;
import no.nabolag.lambda.http.web.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestReaderTest {
    private static List<FieldError> errorsOf(Runnable read) {
        try {
            read.run();
        } catch (ProblemException e) {
            assertThat(e.problem().status()).isEqualTo(400);
            return e.problem().errors() == null ? List.of() : e.problem().errors();
        }
        throw new AssertionError("expected a 400 problem");
    }

    @Test
    void aRegistrationDefaultsTheTimeZoneAndTheApp() {
        String token = "ab".repeat(32);
        var r = RequestReader.registration("{\"platform\":\"ios\",\"pushToken\":\"" + token + "\",\"locale\":\"nb\"}");

        assertThat(r).isEqualTo(new RequestReader.Registration(null, Platform.IOS, token, "nb", "Europe/Oslo"));
    }

    @Test
    void pushTokensMustHaveTheirPlatformsShape() {
        List<FieldError> ios = errorsOf(() -> RequestReader.registration(
                "{\"platform\":\"ios\",\"pushToken\":\"not-hex\",\"locale\":\"nb\"}"));
        List<FieldError> android = errorsOf(() -> RequestReader.registration(
                "{\"platform\":\"android\",\"pushToken\":\"bad\\u0001token\",\"locale\":\"nb\"}"));

        assertThat(ios).extracting(FieldError::field).containsExactly("pushToken");
        assertThat(ios.get(0).message()).contains("hexadecimal");
        assertThat(android).extracting(FieldError::field).containsExactly("pushToken");
    }

    @Test
    void everyInvalidRegistrationFieldIsNamedAtOnce() {
        List<FieldError> errors = errorsOf(() -> RequestReader.registration(
                "{\"platform\":\"windows\",\"pushToken\":42,\"locale\":\"de\",\"timeZone\":\"Mars/Olympus\"}"));

        assertThat(errors).extracting(FieldError::field).containsExactly("platform", "pushToken", "locale", "timeZone");
        assertThat(errors.get(1).message()).isEqualTo("must be a string");
    }

    @Test
    void missingFieldsAndOverlongTokensSayWhatIsWrong() {
        assertThat(errorsOf(() -> RequestReader.registration("{}"))).extracting(FieldError::field)
                .containsExactly("platform", "pushToken", "locale");
        List<FieldError> tooLong = errorsOf(() -> RequestReader.registration("{\"platform\":\"android\",\"pushToken\":\""
                + "x".repeat(4097) + "\",\"locale\":\"en\"}"));
        assertThat(tooLong).containsExactly(new FieldError("pushToken", "must be at most 4096 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,2]", "\"text\"", "{\"platform\": ios}", "null"})
    void malformedOrNonObjectBodiesAreBadRequests(String body) {
        assertThatThrownBy(() -> RequestReader.registration(body))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void offsetTimeZonesAreNotIanaZones() {
        assertThat(errorsOf(() -> RequestReader.changes("{\"timeZone\":\"+02:00\"}")))
                .extracting(FieldError::field).containsExactly("timeZone");
    }

    @Test
    void changesMayNameAnySubsetAndRejectNulls() {
        var changes = RequestReader.changes("{\"locale\":\"en\"}");
        assertThat(changes.locale()).isEqualTo("en");
        assertThat(changes.pushToken()).isNull();
        assertThat(errorsOf(() -> RequestReader.changes("{\"pushToken\":null}")))
                .containsExactly(new FieldError("pushToken", "must be a string"));
    }

    @Test
    void subscriptionsAreReadWithQuietHours() {
        var s = RequestReader.subscriptions("{\"subscriptions\":[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]}],"
                + "\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}");

        assertThat(s.subscriptions()).containsExactly(new SubscriptionChoice("frogner", List.of("youth")));
        assertThat(s.quietHours()).isEqualTo(new QuietHours("22:00", "07:00"));
        assertThat(RequestReader.subscriptions("{\"subscriptions\":[],\"quietHours\":null}").quietHours()).isNull();
    }

    @Test
    void invalidSubscriptionsNameEachField() {
        List<FieldError> errors = errorsOf(() -> RequestReader.subscriptions("{\"subscriptions\":[{\"districtId\":1,"
                + "\"categories\":\"youth\"},{\"districtId\":\"a\",\"categories\":[\"x\",\"x\",3]},7],"
                + "\"quietHours\":{\"start\":\"25:00\",\"end\":\"7\"}}"));

        assertThat(errors).extracting(FieldError::field).containsExactly(
                "subscriptions[0].districtId", "subscriptions[0].categories", "subscriptions[1].categories[1]",
                "subscriptions[1].categories[2]", "subscriptions[2]", "quietHours.start", "quietHours.end");
        assertThat(errorsOf(() -> RequestReader.subscriptions("{}")))
                .extracting(FieldError::field).containsExactly("subscriptions");
    }
}
