package no.nabolag.local.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import no.nabolag.catalogloader.AdminApiClient;
import no.nabolag.catalogloader.CatalogFileReader;
import no.nabolag.catalogloader.CatalogLoader;
import no.nabolag.catalogloader.CatalogPlan;
import no.nabolag.catalogloader.RequestSigner;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Catalog administration over HTTP on the local stack: the operator's view, then the resident's. */
class CatalogAdminIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The resident API caches the catalog per container for at most 30 s. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(35);
    private static final Path CATALOGS = Path.of(System.getProperty("nabolag.root", "../..")).resolve("infrastructure/catalog");
    private static LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
    }

    @Test
    void aTenantIsCreatedRenamedAndAnIdenticalPutChangesNothing() throws Exception {
        String tenant = "t-" + unique();

        HttpResponse<String> created = admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}");
        HttpResponse<String> renamed = admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby kommune\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}");
        HttpResponse<String> again = admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby kommune\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("change").asText()).isEqualTo("created");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json(renamed).path("change").asText()).isEqualTo("updated");
        assertThat(json(again).path("change").asText()).isEqualTo("unchanged");
        assertThat(json(admin("GET", "/admin/v1/tenants/" + tenant, null)).path("name").asText())
                .isEqualTo("Testby kommune");
    }

    @Test
    void districtsAndCategoriesAreCreatedRenamedRetiredAndResidentsSeeTheChanges() throws Exception {
        String tenant = "t-" + unique();
        String district = "d-" + unique();
        createTenant(tenant);

        HttpResponse<String> newDistrict = admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/" + district,
                "{\"name\":\"Nordby\",\"names\":{\"nb\":\"Nordby\",\"en\":\"North Town\"}}");
        HttpResponse<String> renamedDistrict = admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/" + district,
                "{\"name\":\"Nord-byen\",\"names\":{\"nb\":\"Nord-byen\",\"en\":\"North Town\"}}");
        admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/youth",
                "{\"names\":{\"nb\":\"Ungdom\",\"en\":\"Youth\"},\"descriptions\":{\"nb\":\"For unge\"},\"order\":1}");
        admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/old-news",
                "{\"names\":{\"nb\":\"Gamle nyheter\",\"en\":\"Old news\"},\"order\":2}");
        HttpResponse<String> retired = admin("DELETE", "/admin/v1/tenants/" + tenant + "/categories/old-news", null);
        HttpResponse<String> retiredAgain = admin("DELETE", "/admin/v1/tenants/" + tenant + "/categories/old-news", null);

        assertThat(newDistrict.statusCode()).isEqualTo(201);
        assertThat(renamedDistrict.statusCode()).isEqualTo(200);
        assertThat(retired.statusCode()).isEqualTo(204);
        assertThat(retiredAgain.statusCode()).isEqualTo(204);
        JsonNode catalog = json(admin("GET", "/admin/v1/tenants/" + tenant, null));
        assertThat(catalog.path("categories").findValuesAsText("categoryId")).contains("youth", "old-news");
        assertThat(catalog.toString()).contains("\"categoryId\":\"old-news\"");

        // Residents see the renamed district and only the active category, within the cache TTL.
        JsonNode tenants = awaitJson("/v1/tenants", body -> body.toString().contains("Nord-byen"));
        JsonNode mine = find(tenants, "tenantId", tenant);
        assertThat(mine.path("districts").get(0).path("name").asText()).isEqualTo("Nord-byen");
        JsonNode categories = awaitJson("/v1/tenants/" + tenant + "/categories?lang=en",
                body -> !body.toString().contains("old-news"));
        assertThat(categories.findValuesAsText("categoryId")).containsExactly("youth");
        assertThat(categories.get(0).path("name").asText()).isEqualTo("Youth");
    }

    @Test
    void badIdsNamesAndLanguagesAreRefusedWithTheFieldNamed() throws Exception {
        String tenant = "t-" + unique();
        createTenant(tenant);

        HttpResponse<String> badSlug = admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/Bad_Id",
                "{\"name\":\"X\"}");
        HttpResponse<String> badLanguage = admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/c",
                "{\"names\":{\"nb\":\"C\",\"klingon\":\"Q\"}}");
        HttpResponse<String> tooLong = admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/long",
                "{\"name\":\"" + "x".repeat(101) + "\"}");
        HttpResponse<String> badZone = admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"X\",\"defaultLocale\":\"nb\",\"timeZone\":\"Mars/Olympus\"}");
        HttpResponse<String> noTenant = admin("PUT", "/admin/v1/tenants/no-such-" + unique() + "/categories/c",
                "{\"names\":{\"nb\":\"C\"}}");
        HttpResponse<String> noAuth = http.send(HttpRequest.newBuilder(uri("/admin/v1/tenants/" + tenant))
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(badSlug.statusCode()).isEqualTo(400);
        assertThat(badSlug.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(json(badSlug).path("errors").get(0).path("field").asText()).isEqualTo("districtId");
        assertThat(json(badLanguage).path("errors").get(0).path("field").asText()).isEqualTo("names.klingon");
        assertThat(json(tooLong).path("errors").get(0).path("message").asText()).contains("100 characters");
        assertThat(json(badZone).path("errors").get(0).path("field").asText()).isEqualTo("timeZone");
        assertThat(noTenant.statusCode()).isEqualTo(404);
        assertThat(noAuth.statusCode()).isEqualTo(401);
    }

    @Test
    void aDistrictIdIsUniqueAcrossTenantsAndAFollowedDistrictCannotBeDeleted() throws Exception {
        String tenant = "t-" + unique();
        createTenant(tenant);

        HttpResponse<String> stolen = admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/frogner",
                "{\"name\":\"Frogner\"}");
        String followed = "d-" + unique();
        admin("PUT", "/admin/v1/tenants/" + tenant + "/districts/" + followed, "{\"name\":\"Fulgt\"}");
        admin("PUT", "/admin/v1/tenants/" + tenant + "/categories/youth", "{\"names\":{\"nb\":\"Ungdom\"}}");
        awaitJson("/v1/tenants", body -> body.toString().contains(followed));
        subscribeNewDevice("[{\"districtId\":\"" + followed + "\",\"categories\":[\"youth\"]}]");

        HttpResponse<String> refused = admin("DELETE", "/admin/v1/tenants/" + tenant + "/districts/" + followed, null);

        assertThat(stolen.statusCode()).isEqualTo(409);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("detail").asText()).contains("has subscribers");
        assertThat(json(admin("GET", "/admin/v1/tenants/" + tenant, null)).toString()).contains(followed);
    }

    @Test
    void loadingTheOsloFileAgainChangesNothing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CatalogLoader loader = new CatalogLoader(new AdminApiClient(stack.baseUrl(),
                RequestSigner.bearer(stack.adminToken())), new PrintStream(printed, true, StandardCharsets.UTF_8));
        var oslo = CatalogFileReader.read(CATALOGS.resolve("oslo.yaml"));

        loader.load(oslo, false);
        CatalogPlan second = loader.load(oslo, false);

        assertThat(second.count(CatalogPlan.Action.CREATE)).isZero();
        assertThat(second.count(CatalogPlan.Action.UPDATE)).isZero();
        assertThat(second.count(CatalogPlan.Action.UNCHANGED)).isEqualTo(1 + 15 + oslo.categories().size() + oslo.apps().size());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Plan: 0 to create, 0 to update");
    }

    @Test
    void aNeighbouringMunicipalitySitsBesideOsloAndADeviceFollowsDistrictsInBoth() throws Exception {
        CatalogLoader loader = new CatalogLoader(new AdminApiClient(stack.baseUrl(),
                RequestSigner.bearer(stack.adminToken())), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        loader.load(CatalogFileReader.read(CATALOGS.resolve("baerum.yaml")), false);

        JsonNode tenants = awaitJson("/v1/tenants", body -> body.toString().contains("\"baerum\""));
        assertThat(tenants.findValuesAsText("tenantId")).contains("oslo", "baerum");
        String device = subscribeNewDevice("[{\"districtId\":\"frogner\",\"categories\":[\"youth\"]},"
                + "{\"districtId\":\"sandvika\",\"categories\":[\"culture-events\"]}]");

        JsonNode subscriptions = json(http.send(HttpRequest.newBuilder(uri("/v1/devices/" + device.split(" ")[0]
                + "/subscriptions")).header("authorization", "Bearer " + device.split(" ")[1]).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThat(subscriptions.path("subscriptions").findValuesAsText("districtId"))
                .containsExactlyInAnyOrder("frogner", "sandvika");
    }

    /** Registers a device and sets its subscriptions; returns "deviceId secret". */
    private String subscribeNewDevice(String subscriptions) throws Exception {
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(uri("/v1/devices"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"platform\":\"android\",\"pushToken\":\"tok-" + unique()
                        + "\",\"locale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(201);
        String id = json(registered).path("deviceId").asText();
        String secret = json(registered).path("deviceSecret").asText();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(uri("/v1/devices/" + id + "/subscriptions"))
                .header("authorization", "Bearer " + secret).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"subscriptions\":" + subscriptions + ",\"quietHours\":null}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return id + " " + secret;
    }

    private void createTenant(String tenant) throws Exception {
        assertThat(admin("PUT", "/admin/v1/tenants/" + tenant,
                "{\"name\":\"Testby\",\"defaultLocale\":\"nb\",\"timeZone\":\"Europe/Oslo\"}").statusCode()).isEqualTo(201);
    }

    /** Polls a resident route until its body satisfies the condition: catalog reads are cached for a short TTL. */
    private JsonNode awaitJson(String path, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(CACHE_TTL);
        JsonNode body;
        do {
            body = json(http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString()));
            if (condition.test(body)) {
                return body;
            }
            Thread.sleep(500);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("Not seen within the catalog cache TTL: " + path + " -> " + body);
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("authorization", "Bearer " + stack.adminToken())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (node.path(field).asText().equals(value)) {
                return node;
            }
        }
        throw new AssertionError("No " + field + "=" + value + " in " + array);
    }

    private URI uri(String path) {
        return stack.baseUrl().resolve(path);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
