package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP on the local stack: authorisation, organisations, links. */
class AdminApiIT {
    private final PublisherClient client = new PublisherClient();

    @Test
    void adminRoutesNeedTheBearerToken() {
        HttpResponse<String> missing = client.admin("GET", "/admin/v1/tenants/oslo/organizations", null, null);
        HttpResponse<String> wrong = client.admin("GET", "/admin/v1/tenants/oslo/organizations", null, "Bearer not-the-token");
        HttpResponse<String> wrongWrite = client.admin("POST", "/admin/v1/tenants/oslo/organizations", "{}", "Bearer nope");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(client.json(missing).get("status").asInt()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrongWrite.statusCode()).isEqualTo(403);
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts/whatever", null, "Basic YWRtaW46YWRtaW4=").statusCode())
                .isEqualTo(403);
    }

    @Test
    void createsListsAndReadsOrganisations() {
        String name = PublisherClient.unique("Sagene bibliotek");

        String id = client.organization(name, "unit", false, List.of("sagene"), List.of("culture-events"));

        JsonNode list = client.json(client.admin("GET", "/admin/v1/tenants/oslo/organizations", null));
        List<String> ids = new ArrayList<>();
        list.forEach(o -> ids.add(o.get("organizationId").asText()));
        assertThat(ids).contains(id);
        HttpResponse<String> one = client.admin("GET", "/admin/v1/tenants/oslo/organizations/" + id, null);
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode org = client.json(one);
        assertThat(org.get("name").asText()).isEqualTo(name);
        assertThat(org.get("kind").asText()).isEqualTo("unit");
        assertThat(org.get("tenantId").asText()).isEqualTo("oslo");
        assertThat(org.get("districtIds").get(0).asText()).isEqualTo("sagene");
        assertThat(org.get("trusted").asBoolean()).isFalse();
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/organizations/nosuchorg", null).statusCode()).isEqualTo(404);
    }

    @Test
    void organisationMustNameAKnownTenantAndItsOwnDistrictsAndCategories() {
        HttpResponse<String> unknownTenant = client.admin("POST", "/admin/v1/tenants/oslo/organizations",
                "{\"name\":\"X\",\"kind\":\"unit\",\"tenantId\":\"atlantis\",\"districtIds\":[\"sagene\"],\"categoryIds\":[\"youth\"]}");
        HttpResponse<String> badFields = client.admin("POST", "/admin/v1/tenants/oslo/organizations",
                "{\"name\":\"\",\"kind\":\"club\",\"tenantId\":\"oslo\",\"districtIds\":[\"sagene\",\"narnia\"],\"categoryIds\":[]}");
        HttpResponse<String> wrongTypes = client.admin("POST", "/admin/v1/tenants/oslo/organizations",
                "{\"name\":1,\"kind\":\"unit\",\"tenantId\":\"oslo\",\"districtIds\":\"sagene\",\"categoryIds\":[\"youth\"],\"trusted\":\"yes\"}");
        HttpResponse<String> notJson = client.admin("POST", "/admin/v1/tenants/oslo/organizations", "{name:");

        assertThat(unknownTenant.statusCode()).isEqualTo(400);
        assertThat(fields(unknownTenant)).contains("tenantId");
        assertThat(badFields.statusCode()).isEqualTo(400);
        assertThat(badFields.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(fields(badFields)).contains("name", "kind", "districtIds[1]", "categoryIds");
        assertThat(fields(wrongTypes)).contains("name", "districtIds", "trusted");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void linksAreIssuedFromTheConfiguredBaseUrlForOneToThreeHundredSixtyFiveDays() {
        String org = client.unit(PublisherClient.unique("Grünerløkka frivilligsentral"));
        String base = client.stack.settingsOf("PublisherFunction").require("PUBLIC_BASE_URL");

        JsonNode link = client.link(org, 365);

        assertThat(link.get("url").asText()).startsWith(base.replaceAll("/$", "") + "/p/");
        assertThat(link.get("linkId").asText()).matches("[0-9a-f]{32}");
        assertThat(link.get("expiresAt").asText()).endsWith("Z");
        for (String bad : List.of("{\"validDays\":0}", "{\"validDays\":366}", "{\"validDays\":\"30\"}",
                "{\"validDays\":1.5}", "{}")) {
            assertThat(client.admin("POST", "/admin/v1/tenants/oslo/organizations/" + org + "/links", bad).statusCode())
                    .as(bad).isEqualTo(400);
        }
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/organizations/nosuchorg/links", "{\"validDays\":3}").statusCode())
                .isEqualTo(404);
        JsonNode listed = client.json(client.admin("GET", "/admin/v1/tenants/oslo/organizations/" + org, null)).get("links");
        assertThat(listed.get(0).get("linkId").asText()).isEqualTo(link.get("linkId").asText());
        assertThat(listed.get(0).get("state").asText()).isEqualTo("active");
    }

    @Test
    void revokingALinkStopsItAtOnce() {
        String org = client.unit(PublisherClient.unique("Sagene skole"));
        JsonNode link = client.link(org, 30);
        assertThat(client.get(link.get("url").asText()).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = client.admin("DELETE", "/admin/v1/tenants/oslo/links/" + link.get("linkId").asText(), null);

        assertThat(revoked.statusCode()).isEqualTo(204);
        HttpResponse<String> form = client.get(link.get("url").asText());
        assertThat(form.statusCode()).isEqualTo(403);
        assertThat(form.body()).contains("Lenken er trukket tilbake");
        assertThat(client.admin("DELETE", "/admin/v1/tenants/oslo/links/" + link.get("linkId").asText(), null).statusCode())
                .isEqualTo(204);
        assertThat(client.admin("DELETE", "/admin/v1/tenants/oslo/links/nosuchlink", null).statusCode()).isEqualTo(404);
        JsonNode listed = client.json(client.admin("GET", "/admin/v1/tenants/oslo/organizations/" + org, null)).get("links");
        assertThat(listed.get(0).get("state").asText()).isEqualTo("revoked");
    }

    @Test
    void moderationQueueNeedsAKnownStatus() {
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts?status=LOST", null).statusCode()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts?status=PENDING&limit=0", null).statusCode()).isEqualTo(400);
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts?status=PENDING", null).statusCode()).isEqualTo(200);
        assertThat(client.admin("GET", "/admin/v1/tenants/oslo/posts/nosuchpost", null).statusCode()).isEqualTo(404);
        assertThat(client.admin("POST", "/admin/v1/tenants/oslo/posts/nosuchpost/approve", null).statusCode()).isEqualTo(404);
    }

    private List<String> fields(HttpResponse<String> response) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = client.json(response).get("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(e.get("field").asText()));
        }
        return fields;
    }
}
