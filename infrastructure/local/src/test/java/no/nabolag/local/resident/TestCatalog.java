package no.nabolag.local.resident;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.local.LocalStack;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tenant of our own for the resident ITs (the stack and its Oslo seed are shared by every test): districts and
 * categories nobody else posts to, so feed assertions can be exact. Written per docs/data-model.md, once per JVM,
 * then awaited through the API (the catalog is cached per container for up to 20 s).
 */
final class TestCatalog {
    static final List<String> CATEGORIES = List.of("news", "sports", "culture", "roads");
    private static TestCatalog shared;
    final String tenantId;
    private final List<String> districts = new ArrayList<>();
    private int next;

    private TestCatalog(String tenantId) {
        this.tenantId = tenantId;
    }

    static synchronized TestCatalog shared(LocalStack stack) {
        if (shared == null) {
            TestCatalog catalog = new TestCatalog("it" + UUID.randomUUID().toString().replace("-", "").substring(0, 8));
            catalog.write(stack, 64);
            catalog.awaitVisible(new ResidentHttp(stack.baseUrl()));
            shared = catalog;
        }
        return shared;
    }

    /** A district no other test uses (so its public feed page is not in the container's cache either). */
    synchronized String freshDistrict() {
        if (next == districts.size()) {
            throw new IllegalStateException("All " + districts.size() + " test districts are used: write more");
        }
        return districts.get(next++);
    }

    private void write(LocalStack stack, int districtCount) {
        String table = stack.tableName("CatalogTable");
        String pk = "TENANT#" + tenantId;
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(Map.of("pk", s(pk), "sk", s("TENANT"), "tenantId", s(tenantId), "name", s("Testby <kommune>"),
                "defaultLocale", s("nb"), "timeZone", s("Europe/Oslo")));
        for (int i = 0; i < districtCount; i++) {
            String id = tenantId + "-d" + i;
            districts.add(id);
            items.add(Map.of("pk", s("DISTRICT#" + id), "sk", s("DISTRICT"), "tenantId", s(tenantId)));
            items.add(Map.of("pk", s(pk), "sk", s("DISTRICT#" + id), "tenantId", s(tenantId), "districtId", s(id),
                    "name", s("Bydel " + i), "names", m(Map.of("nb", "Bydel " + i, "en", "District " + i))));
        }
        items.add(Map.of("pk", s(pk), "sk", s("DISTRICT#" + tenantId + "-retired"), "tenantId", s(tenantId),
                "districtId", s(tenantId + "-retired"), "name", s("Gammel"), "retired", AttributeValue.fromBool(true)));
        for (int i = 0; i < CATEGORIES.size(); i++) {
            String id = CATEGORIES.get(i);
            Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s(pk), "sk", s("CATEGORY#" + id),
                    "tenantId", s(tenantId), "categoryId", s(id), "order", AttributeValue.fromN(Integer.toString(i)),
                    "descriptions", m(Map.of("nb", "Om " + id, "en", "About " + id))));
            // "roads" has no English name: the English list falls back to the tenant's default language.
            item.put("names", m(id.equals("roads") ? Map.of("nb", "Veier") : Map.of("nb", "nb-" + id, "en", "en-" + id)));
            items.add(item);
        }
        items.add(Map.of("pk", s(pk), "sk", s("CATEGORY#old"), "tenantId", s(tenantId), "categoryId", s("old"),
                "names", m(Map.of("nb", "Gammel")), "order", AttributeValue.fromN("99"),
                "retired", AttributeValue.fromBool(true)));
        for (Map<String, AttributeValue> item : items) {
            stack.dynamoDb().putItem(r -> r.tableName(table).item(item));
        }
    }

    private void awaitVisible(ResidentHttp http) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            var reply = http.get("/v1/tenants");
            if (reply.status() == 200 && reply.body().contains("\"" + tenantId + "\"")) {
                return;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("The test tenant did not appear in GET /v1/tenants within 60 s");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue m(Map<String, String> values) {
        Map<String, AttributeValue> map = new HashMap<>();
        values.forEach((k, v) -> map.put(k, s(v)));
        return AttributeValue.fromM(map);
    }
}
