package no.nabolag.catalogloader;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SigV4SignerTest {

    @Test
    void adminCallsAreSignedForApiGatewayInTheGivenRegion() {
        SigV4Signer signer = new SigV4Signer(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), "eu-north-1");

        Map<String, String> headers = signer.headers("PUT",
                URI.create("https://abc.execute-api.eu-north-1.amazonaws.com/admin/v1/tenants/oslo"), "{}");

        assertThat(headers.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-north-1/execute-api/aws4_request");
        assertThat(headers).containsKey("X-Amz-Date").doesNotContainKey("Host");
    }
}
