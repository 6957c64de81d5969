package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.nabolag.core.json.Json;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Push endpoints made off the request path (issue 14) and one device record per endpoint (issue 12): registrations
 * answer at once however many come, every device gets pushes once its endpoint exists, and a reinstalled app that
 * registers its token again gets each post once.
 */
class DeviceEndpointIT {
    /** Twice what SNS (and the emulator, by default) allows CreatePlatformEndpoint in a second. */
    private static final int BURST = 60;
    private static final int SNS_CREATE_ENDPOINT_LIMIT = 30;
    private final LocalStack stack = LocalStack.shared();
    private final ResidentHttp http = new ResidentHttp(stack.baseUrl());
    private final TestCatalog catalog = TestCatalog.shared(stack);

    private String follow(String district) {
        return "{\"subscriptions\":[{\"districtId\":\"" + district + "\",\"categories\":[\"news\"]}]}";
    }

    @Test
    void aBurstOfRegistrationsAllSucceedAndEveryDeviceGetsTheNextPostOnceItsEndpointExists() throws Exception {
        // Arrange: the emulator enforces AWS's CreatePlatformEndpoint rate, as local-parameters.yaml sets it (not lifted).
        assertThat(stack.snsEmulator().createEndpointsPerSecond()).as("the emulator's CreatePlatformEndpoint limit")
                .isEqualTo(SNS_CREATE_ENDPOINT_LIMIT);
        assertThat(BURST).isGreaterThan(SNS_CREATE_ENDPOINT_LIMIT);
        String district = catalog.freshDistrict();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<ResidentHttp.Device>> registrations = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String platform = i % 2 == 0 ? "ios" : "android";
            registrations.add(pool.submit(() -> {
                ResidentHttp.Device device = http.register(platform, "nb");
                // The app reads its feed and chooses its district at once, before its endpoint exists.
                assertThat(http.get("/v1/devices/" + device.deviceId() + "/feed", device.bearer()).status())
                        .isEqualTo(200);
                assertThat(http.subscribe(device, follow(district)).status()).isEqualTo(200);
                return device;
            }));
        }
        List<ResidentHttp.Device> devices = new ArrayList<>();
        for (Future<ResidentHttp.Device> registration : registrations) {
            devices.add(registration.get(120, TimeUnit.SECONDS));
        }
        pool.shutdown();

        // Act: every endpoint is made (paced), then a post goes out.
        for (ResidentHttp.Device device : devices) {
            Endpoints.awaitReady(stack, device.deviceId());
        }
        Publishing publishing = new Publishing(stack);
        String postId = publishing.publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"), "Velkommen");

        // Assert
        for (ResidentHttp.Device device : devices) {
            assertThat(publishing.pushesOf(postId, device.token())).as(device.deviceId()).isEqualTo(1);
        }
    }

    @Test
    void aReinstalledAppGetsExactlyOnePushPerPostAndItsOldRecordIsRetired() {
        // Arrange: the first install follows the district; the app is reinstalled and registers its token again.
        String district = catalog.freshDistrict();
        String token = ResidentHttp.token("ios");
        ResidentHttp.Device first = http.register("ios", "nb", token);
        assertThat(http.subscribe(first, follow(district)).status()).isEqualTo(200);
        String endpoint = Endpoints.awaitArn(stack, first.deviceId());
        ResidentHttp.Device reinstalled = http.register("ios", "en", token);
        assertThat(http.subscribe(reinstalled, follow(district)).status()).isEqualTo(200);

        // Act
        String moved = Endpoints.awaitArn(stack, reinstalled.deviceId());
        Publishing publishing = new Publishing(stack);
        String postId = publishing.publishAndDeliver(catalog.tenantId, List.of(district), List.of("news"), "Én gang");

        // Assert: one push; the endpoint moved to the new record; the old record is gone, its secret dead.
        assertThat(publishing.pushesOf(postId, token)).isEqualTo(1);
        assertThat(moved).isEqualTo(endpoint);
        assertThat(Endpoints.deviceItem(stack, first.deviceId())).isEmpty();
        assertThat(http.get("/v1/devices/" + first.deviceId() + "/feed", first.bearer()).status()).isEqualTo(401);
        assertThat(DeviceErasureIT.tokenItemsOf(stack, first.deviceId())).isEmpty();
        assertThat(DeviceErasureIT.tokenItemsOf(stack, reinstalled.deviceId())).singleElement()
                .satisfies(item -> assertThat(item.get("endpointArn").s()).isEqualTo(endpoint));
        assertThat(stack.sns().getEndpointAttributes(r -> r.endpointArn(endpoint)).attributes())
                .containsEntry("Token", token).containsEntry("Enabled", "true");
    }

    @Test
    void aDeviceOfAMunicipalitysOwnAppGetsItsEndpointInThatAppsPlatformApplication() {
        // Arrange: an app of the test tenant with its own FCM application (keys as the admin API stores them).
        String appId = catalog.tenantId + "-app";
        String fcm = stack.snsEmulator().createPlatformApplication("nabolag-" + appId, "GCM");
        String table = stack.tableName("CatalogTable");
        stack.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", s("APP#" + appId), "sk", s("APP"),
                "tenantId", s(catalog.tenantId))));
        stack.dynamoDb().putItem(r -> r.tableName(table).item(Map.of("pk", s("TENANT#" + catalog.tenantId),
                "sk", s("APP#" + appId), "tenantId", s(catalog.tenantId), "appId", s(appId), "name", s("Bydelsappen"),
                "fcmPlatformApplicationArn", s(fcm))));
        String district = catalog.freshDistrict();

        // Act
        var registered = http.send("POST", "/v1/devices", Json.write(Map.of("appId", appId, "platform", "android",
                "pushToken", ResidentHttp.token("android"), "locale", "nb")), null);
        var unknown = http.send("POST", "/v1/devices", Json.write(Map.of("appId", "no-such-app", "platform", "android",
                "pushToken", ResidentHttp.token("android"), "locale", "nb")), null);
        var noIos = http.send("POST", "/v1/devices", Json.write(Map.of("appId", appId, "platform", "ios",
                "pushToken", ResidentHttp.token("ios"), "locale", "nb")), null);

        // Assert
        assertThat(registered.status()).isEqualTo(201);
        String deviceId = registered.json().get("deviceId").asText();
        ResidentHttp.Device device = new ResidentHttp.Device(deviceId, registered.json().get("deviceSecret").asText(),
                null);
        String arn = Endpoints.awaitArn(stack, deviceId);
        assertThat(arn).contains(":endpoint/GCM/nabolag-" + appId + "/");
        assertThat(http.subscribe(device, follow(district)).status()).isEqualTo(200);
        var item = stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("SubscriptionsTable")).consistentRead(true)
                .key(Map.of("deviceId", s(deviceId), "districtId", s(district)))).item();
        assertThat(item.get("appId").s()).isEqualTo(appId);
        assertThat(item.get("endpointArn").s()).isEqualTo(arn);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("errors").get(0).get("field").asText()).isEqualTo("appId");
        assertThat(noIos.status()).isEqualTo(400);
        assertThat(noIos.json().get("errors").get(0).get("field").asText()).isEqualTo("platform");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
