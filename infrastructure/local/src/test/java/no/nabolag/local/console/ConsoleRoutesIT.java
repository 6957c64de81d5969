package no.nabolag.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.aws.organization.DynamoDbOrganizationStore;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.OrganizationKind;
import no.nabolag.core.organization.PublisherLink;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's routes over HTTP against the local stack, signed in through the local OIDC issuer: sign-in is
 * required, an editor of Frogner sees and acts only within Frogner, every POST needs the session's CSRF token,
 * and user text is escaped.
 */
class ConsoleRoutesIT {
    private static LocalStack stack;
    private static URI base;
    private static DynamoDbPostStore posts;
    private static DynamoDbOrganizationStore organizations;
    private static ConsoleClient editor;
    private static ConsoleClient admin;
    private static String frognerOrg;
    private static String ullernOrg;

    @BeforeAll
    static void signIn() {
        stack = LocalStack.shared();
        base = stack.baseUrl();
        posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
        organizations = new DynamoDbOrganizationStore(stack.dynamoDb(), stack.tableName("OrganizationsTable"));
        frognerOrg = organization("Frogner IL " + unique(), "frogner");
        ullernOrg = organization("Ullern IL " + unique(), "ullern");
        editor = ConsoleClient.signIn(base, "frogner-editor");
        admin = ConsoleClient.signIn(base, "oslo-admin");
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String organization(String name, String district) {
        String id = "it" + unique();
        organizations.create(new Organization(id, name, OrganizationKind.EXTERNAL, "oslo", List.of(district),
                List.of("sports-outdoors"), false, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        return id;
    }

    private static String pendingPost(String organizationId, String district, String title) {
        String id = "it" + unique();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        posts.create(new Post(id, "oslo", organizationId, "Test club", List.of(district), List.of("sports-outdoors"),
                title, "Body of " + title, null, null, null, false, null, null, now, null, PostStatus.PENDING, now, null,
                List.of(new StateChange(PostStatus.PENDING, now, "test", null)), null));
        return id;
    }

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return form;
    }

    @Test
    void signingInThroughTheIssuerStartsASessionWithTheMembersRoles() {
        HttpResponse<String> home = editor.get("/console");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Frida Redaktør", "frogner").doesNotContain("Administrator for");
        assertThat(admin.get("/console").body()).contains("Administrator for oslo");
    }

    @Test
    void everyPageAndActionNeedsASession() {
        ConsoleClient anonymous = new ConsoleClient(base);
        String post = pendingPost(frognerOrg, "frogner", "Needs a session");

        HttpResponse<String> page = anonymous.get("/console/posts");
        HttpResponse<String> action = anonymous.postRaw("/console/posts/" + post + "/approve", "csrf=x", Map.of());
        HttpResponse<String> forged = anonymous.send(HttpRequest.newBuilder(base.resolve("/console/posts"))
                .header("cookie", "nabolag_console=v1.session.k1.eyJzdWIiOiJ4In0.AAAA").build());

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("location")).contains("/console/sign-in?returnTo=%2Fconsole%2Fposts");
        assertThat(action.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(posts.find(post).orElseThrow().status()).isEqualTo(PostStatus.PENDING);
    }

    @Test
    void theFrognerEditorNeitherSeesNorActsOnUllern() {
        // Arrange
        String frognerPost = pendingPost(frognerOrg, "frogner", "Frogner news " + unique());
        String ullernPost = pendingPost(ullernOrg, "ullern", "Ullern news " + unique());

        // Act + Assert: lists show Frogner only
        assertThat(editor.get("/console/moderation").body()).contains(frognerPost).doesNotContain(ullernPost);
        assertThat(editor.get("/console/posts").body()).contains(frognerPost).doesNotContain(ullernPost);
        assertThat(editor.get("/console/organizations").body()).contains(frognerOrg).doesNotContain(ullernOrg);
        assertThat(admin.get("/console/moderation").body()).contains(frognerPost, ullernPost);

        // Ullern's things do not exist for the editor, whether read or acted on
        assertThat(editor.get("/console/posts/" + ullernPost).statusCode()).isEqualTo(404);
        assertThat(editor.get("/console/organizations/" + ullernOrg).statusCode()).isEqualTo(404);
        assertThat(editor.post("/console/posts/" + ullernPost + "/approve", form()).statusCode()).isEqualTo(404);
        assertThat(editor.post("/console/posts/" + ullernPost + "/reject", form("reason", "no")).statusCode()).isEqualTo(404);
        assertThat(editor.post("/console/posts/" + ullernPost + "/withdraw", form()).statusCode()).isEqualTo(404);
        assertThat(editor.post("/console/organizations/" + ullernOrg + "/links", form("validDays", "30")).statusCode())
                .isEqualTo(404);
        assertThat(posts.find(ullernPost).orElseThrow().status()).isEqualTo(PostStatus.PENDING);
        assertThat(admin.get("/console/posts/" + ullernPost).statusCode()).isEqualTo(200);
        assertThat(admin.get("/console/organizations/" + ullernOrg).statusCode()).isEqualTo(200);

        // nor can the editor onboard for, or publish to, Ullern
        String name = "Sneaky " + unique();
        assertThat(editor.post("/console/organizations", form("tenantId", "oslo", "name", name, "kind", "unit",
                "districtIds", "ullern", "categoryIds", "sports-outdoors")).statusCode()).isEqualTo(403);
        assertThat(editor.post("/console/organizations", form("tenantId", "oslo", "name", name, "kind", "unit",
                "districtIds", "frogner", "districtIds", "ullern", "categoryIds", "sports-outdoors")).statusCode())
                .isEqualTo(403);
        assertThat(organizations.list()).noneMatch(o -> o.name().equals(name));
        assertThat(editor.post("/console/publish", form("tenantId", "oslo", "formId", unique(), "title", name,
                "body", "x", "districtIds", "ullern", "categoryIds", "sports-outdoors")).statusCode()).isEqualTo(403);
        assertThat(editor.get("/console/catalog").statusCode()).isEqualTo(403);
        assertThat(admin.get("/console/catalog").statusCode()).isEqualTo(200);
    }

    @Test
    void theFiguresJsonRouteTakesABearerAccessTokenAndTheSameRules() {
        String frognerPost = pendingPost(frognerOrg, "frogner", "Figures " + unique());
        String ullernPost = pendingPost(ullernOrg, "ullern", "Figures " + unique());
        String token = stack.oidcIssuer().accessTokenFor("frogner-editor");

        HttpResponse<String> mine = editor.send(HttpRequest.newBuilder(base.resolve("/console/api/posts/" + frognerPost
                + "/figures")).header("authorization", "Bearer " + token).build());
        HttpResponse<String> theirs = editor.send(HttpRequest.newBuilder(base.resolve("/console/api/posts/" + ullernPost
                + "/figures")).header("authorization", "Bearer " + token).build());
        HttpResponse<String> none = editor.send(HttpRequest.newBuilder(base.resolve("/console/api/posts/" + frognerPost
                + "/figures")).build());
        HttpResponse<String> idToken = editor.send(HttpRequest.newBuilder(base.resolve("/console/api/posts/" + frognerPost
                + "/figures")).header("authorization", "Bearer " + stack.oidcIssuer().idTokenFor("frogner-editor", "n"))
                .build());

        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("\"postId\":\"" + frognerPost + "\"", "\"sent\":0", "\"pushesPerMinute\":[]");
        assertThat(theirs.statusCode()).isEqualTo(404);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(idToken.statusCode()).isEqualTo(401);
    }

    @Test
    void everyPostNeedsTheSessionsCsrfTokenFromTheConsolesOrigin() {
        String post = pendingPost(frognerOrg, "frogner", "CSRF " + unique());
        String path = "/console/posts/" + post + "/approve";

        HttpResponse<String> missing = editor.postRaw(path, "", Map.of());
        HttpResponse<String> wrong = editor.postRaw(path, "csrf=" + "x".repeat(43), Map.of());
        HttpResponse<String> otherSession = editor.postRaw(path, "csrf=" + admin.csrf(), Map.of());
        HttpResponse<String> foreignOrigin = editor.postRaw(path, "csrf=" + editor.csrf(),
                Map.of("origin", "https://evil.example"));
        assertThat(List.of(missing.statusCode(), wrong.statusCode(), otherSession.statusCode(), foreignOrigin.statusCode()))
                .containsOnly(403);
        assertThat(posts.find(post).orElseThrow().status()).isEqualTo(PostStatus.PENDING);

        HttpResponse<String> approved = editor.postRaw(path, "csrf=" + editor.csrf(), Map.of("origin", base.toString()
                .replaceAll("/$", "")));

        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(posts.find(post).orElseThrow().status()).isIn(PostStatus.ACCEPTED, PostStatus.PUBLISHED);
        assertThat(posts.find(post).orElseThrow().history()).extracting(StateChange::by)
                .anyMatch(by -> by.startsWith("console:"));
    }

    @Test
    void aPublishFormSentTwiceMakesOnePostAndAnEditedResendIsRefusedWithTheEditsKept() {
        // Arrange
        String formId = unique();
        String title = "Brøyting " + unique();
        var fields = form("tenantId", "oslo", "formId", formId, "title", title, "body", "Brøyting <b>i natt</b>.",
                "districtIds", "frogner", "categoryIds", "sports-outdoors");
        var edited = new java.util.LinkedHashMap<>(fields);
        edited.put("body", List.of("Brøyting i morgen & i natt."));

        // Act
        HttpResponse<String> first = editor.post("/console/publish", fields);
        HttpResponse<String> again = editor.post("/console/publish", fields);
        HttpResponse<String> changed = editor.post("/console/publish", edited);

        // Assert
        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("location").orElseThrow();
        assertThat(location).startsWith("/console/posts/");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("location")).contains(location);
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.body()).containsAnyOf("Dette skjemaet er allerede sendt", "This form has already been sent");
        assertThat(changed.body()).contains("Brøyting &lt;b&gt;i natt&lt;/b&gt;.",
                ">Brøyting i morgen &amp; i natt.</textarea>", location.replaceAll("\\?.*", ""))
                .doesNotContain("<b>i natt</b>").doesNotContain("value=\"" + formId + "\"");
        assertThat(stack.dynamoDb().scanPaginator(r -> r.tableName(stack.tableName("PostsTable"))
                        .filterExpression("title = :t").expressionAttributeValues(Map.of(":t",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(title))))
                .items().stream().count()).isEqualTo(1);
    }

    @Test
    void userTextIsEscapedEverywhere() {
        String script = "<script>alert(1)</script>";
        HttpResponse<String> onboarded = editor.post("/console/organizations", form("tenantId", "oslo",
                "name", script + unique(), "kind", "external", "districtIds", "frogner", "categoryIds", "sports-outdoors"));
        assertThat(onboarded.statusCode()).isEqualTo(303);
        String orgPath = onboarded.headers().firstValue("location").orElseThrow();
        String post = pendingPost(frognerOrg, "frogner", script);

        String orgPage = editor.get(orgPath).body();
        String list = editor.get("/console/organizations").body();
        String queue = editor.get("/console/moderation").body();
        String postPage = editor.get("/console/posts/" + post).body();

        for (String html : List.of(orgPage, list, queue, postPage)) {
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(script);
        }
    }

    @Test
    void pagesCarryTheSecurityHeadersAndSpeakBothLanguages() {
        HttpResponse<String> page = editor.get("/console/posts");
        HttpResponse<String> english = editor.get("/console/posts?lang=en");

        assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("referrer-policy")).contains("no-referrer");
        assertThat(page.body()).contains("<html lang=\"nb\"", "Innlegg");
        assertThat(english.body()).contains("<html lang=\"en\"", "Posts");
        assertThat(editor.get("/console/static/console.css").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheTenantAdministratorEditsTheCatalog() {
        String id = "it-" + unique();

        HttpResponse<String> byEditor = editor.post("/console/catalog/categories", form("tenantId", "oslo", "id", id,
                "nameNb", "Sjakk", "nameEn", "Chess", "order", "500"));
        HttpResponse<String> invalid = admin.post("/console/catalog/categories", form("tenantId", "oslo", "id", "Not A Slug",
                "nameNb", "x", "order", "1"));
        HttpResponse<String> byAdmin = admin.post("/console/catalog/categories", form("tenantId", "oslo", "id", id,
                "nameNb", "Sjakk <b>", "nameEn", "Chess", "order", "500"));

        assertThat(byEditor.statusCode()).isEqualTo(403);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("categoryId");
        assertThat(byAdmin.statusCode()).isEqualTo(303);
        assertThat(admin.get("/console/catalog").body()).contains(id, "Sjakk &lt;b&gt;");
        assertThat(admin.post("/console/catalog/categories/" + id + "/retire", form("tenantId", "oslo")).statusCode())
                .isEqualTo(303);
        assertThat(admin.get("/console/catalog").body()).doesNotContain(id);
    }

    @Test
    void linksAreIssuedWithACopyFieldAndQrCodeExtendedAndRevoked() {
        HttpResponse<String> issued = editor.post("/console/organizations/" + frognerOrg + "/links", form("validDays", "7"));

        assertThat(issued.statusCode()).isEqualTo(200);
        Matcher url = Pattern.compile("id=\"issued-url\" value=\"([^\"]+)\"").matcher(issued.body());
        assertThat(url.find()).isTrue();
        assertThat(url.group(1)).startsWith(base.toString().replaceAll("/$", "") + "/p/");
        assertThat(issued.body()).contains("<svg", "class=\"qr\"", "role=\"img\"");
        PublisherLink link = organizations.links(frognerOrg).stream().max(java.util.Comparator.comparing(PublisherLink::createdAt))
                .orElseThrow();

        HttpResponse<String> extended = editor.post("/console/links/" + link.linkId() + "/extend", form("validDays", "30"));
        assertThat(extended.statusCode()).isEqualTo(303);
        assertThat(organizations.findLink(link.linkId()).orElseThrow().expiresAt()).isAfter(link.expiresAt());
        String formUrl = url.group(1).replace("&amp;", "&");
        assertThat(editor.send(HttpRequest.newBuilder(URI.create(formUrl)).build()).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = editor.post("/console/links/" + link.linkId() + "/revoke", form());
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(organizations.findLink(link.linkId()).orElseThrow().revoked()).isTrue();
    }
}
