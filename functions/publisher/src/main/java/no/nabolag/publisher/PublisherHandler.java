package no.nabolag.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import no.nabolag.aws.AwsClients;
import no.nabolag.aws.catalog.DynamoDbCatalogStore;
import no.nabolag.aws.catalog.DynamoDbCatalogWriter;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.aws.organization.DynamoDbOrganizationStore;
import no.nabolag.aws.post.DynamoDbFeedStore;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.aws.post.SqsFanoutQueue;
import no.nabolag.aws.security.SecretsManagerSigningSecret;
import no.nabolag.aws.subscription.DistrictSubscribers;
import no.nabolag.aws.subscription.DynamoDbAudienceShardCount;
import no.nabolag.core.catalog.CachedCatalogStore;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.config.Lazy;
import no.nabolag.core.config.Settings;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import no.nabolag.core.moderation.Moderation;
import no.nabolag.core.organization.CatalogReader;
import no.nabolag.core.organization.CatalogStoreReader;
import no.nabolag.core.organization.LinkRateLimit;
import no.nabolag.core.organization.LinkTokens;
import no.nabolag.core.organization.OrganizationStore;
import no.nabolag.core.organization.Organizations;
import no.nabolag.core.organization.PublisherLinks;
import no.nabolag.core.post.FormSubmissions;
import no.nabolag.core.post.PostListCursor;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStore;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.lambda.http.HttpApiHandler;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.Router;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The publisher Lambda: the signed-link post form (HTML) and the admin API (JSON), on the routes template.yaml
 * gives PublisherFunction. Wiring only; the rules live in core (organization, post, moderation) and the page classes.
 */
public final class PublisherHandler extends HttpApiHandler {
    /** Optional setting: posts per link per hour (default 30). */
    public static final String POSTS_PER_HOUR = "PUBLISHER_POSTS_PER_HOUR";
    /** The name every app's platform applications start with (template parameter PlatformApplicationNamePrefix). */
    public static final String PLATFORM_APPLICATION_PREFIX = "PLATFORM_APPLICATION_NAME_PREFIX";
    private final Router router;
    private final boolean iamAdmin;

    public PublisherHandler() {
        this(Settings.fromEnvironment());
    }

    public PublisherHandler(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** For tests: any clock (link expiry, schedules, rate windows). */
    public PublisherHandler(Settings settings, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        SqsClient sqs = AwsClients.sqs(settings);
        OrganizationStore orgStore = new DynamoDbOrganizationStore(dynamoDb, settings.require("ORGANIZATIONS_TABLE"));
        CatalogReader catalog = new CatalogStoreReader(new CachedCatalogStore(
                new DynamoDbCatalogStore(dynamoDb, settings.require("CATALOG_TABLE")), CachedCatalogStore.MAX_TTL, clock));
        PostStore posts = new DynamoDbPostStore(dynamoDb, settings.require("POSTS_TABLE"));
        PostPublication publication = new PostPublication(posts,
                new DynamoDbFeedStore(dynamoDb, settings.require("FEED_TABLE")),
                new SqsFanoutQueue(sqs, settings.require("FANOUT_QUEUE_URL")), clock);
        String baseUrl = trimSlash(settings.get("PUBLIC_BASE_URL", ""));
        this.iamAdmin = settings.get("ADMIN_AUTH", "bearer").equalsIgnoreCase("iam");

        // The signing secret is read once per container. It is loaded at init, so the first publisher does not wait
        // for it (and SnapStart snapshots it); if Secrets Manager is unreachable then, the first request retries.
        Supplier<SigningKeys> keys = Lazy.of(() -> SecretsManagerSigningSecret.load(settings));
        Supplier<PublisherLinks> links = Lazy.of(() -> new PublisherLinks(orgStore, new LinkTokens(keys.get()), baseUrl, clock));
        Supplier<FormTokens> formTokens = Lazy.of(() -> new FormTokens(keys.get(), clock));
        warmUp(keys);

        FormSubmissions submissions = new FormSubmissions(posts);
        FormPages form = new FormPages(links, formTokens, catalog,
                new LinkRateLimit(orgStore, settings.getInt(POSTS_PER_HOUR, LinkRateLimit.DEFAULT_POSTS_PER_HOUR), clock),
                posts, submissions, new PostIntake(submissions, publication, clock), new PostFormValidator(clock),
                baseUrl);
        DynamoDbCatalogWriter catalogWriter = new DynamoDbCatalogWriter(dynamoDb, settings.require("CATALOG_TABLE"));
        // Whether a tenant exists is read from the table, not the cache: a tenant created a second ago is there.
        AdminApi admin = new AdminApi(new AdminAuth(settings), tenantId -> catalogWriter.tenantCatalog(tenantId).isPresent(),
                new Organizations(orgStore, catalog, clock), links, new Moderation(posts, publication, clock),
                Lazy.of(() -> new PostListCursor(keys.get())),
                new DynamoDbDeliveryFiguresStore(dynamoDb, settings.require("DELIVERY_TABLE")));

        CatalogAdminApi catalogAdmin = new CatalogAdminApi(new CatalogAdmin(catalogWriter,
                new DistrictSubscribers(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE"),
                        settings.getInt("AUDIENCE_SHARDS", AudienceShard.DEFAULT_SHARDS),
                        new DynamoDbAudienceShardCount(dynamoDb, settings.require("CATALOG_TABLE")))::any,
                settings.get(PLATFORM_APPLICATION_PREFIX, CatalogAdmin.DEFAULT_PLATFORM_APPLICATION_PREFIX)));

        this.router = new Router()
                .route("GET /p/{linkToken}", form::showForm)
                .route("POST /p/{linkToken}", form::submit)
                .route("GET /p/{linkToken}/receipts/{postId}", form::showReceipt)
                .route("GET /p/assets/{file}", form::asset)
                .route("POST /admin/v1/tenants/{tenantId}/organizations", admin.guarded(admin::createOrganization))
                .route("GET /admin/v1/tenants/{tenantId}/organizations", admin.guarded(admin::listOrganizations))
                .route("GET /admin/v1/tenants/{tenantId}/organizations/{organizationId}",
                        admin.guarded(admin::getOrganization))
                .route("POST /admin/v1/tenants/{tenantId}/organizations/{organizationId}/links",
                        admin.guarded(admin::issueLink))
                .route("DELETE /admin/v1/tenants/{tenantId}/links/{linkId}", admin.guarded(admin::revokeLink))
                .route("GET /admin/v1/tenants/{tenantId}/posts", admin.guarded(admin::listPosts))
                .route("GET /admin/v1/tenants/{tenantId}/posts/{postId}", admin.guarded(admin::getPost))
                .route("POST /admin/v1/tenants/{tenantId}/posts/{postId}/approve", admin.guardedAs(admin::approve))
                .route("POST /admin/v1/tenants/{tenantId}/posts/{postId}/reject", admin.guardedAs(admin::reject))
                .route("POST /admin/v1/tenants/{tenantId}/posts/{postId}/withdraw", admin.guardedAs(admin::withdraw))
                .route("GET /admin/v1/tenants/{tenantId}", admin.guarded(catalogAdmin::getTenant))
                .route("PUT /admin/v1/tenants/{tenantId}", admin.guarded(catalogAdmin::putTenant))
                .route("PUT /admin/v1/tenants/{tenantId}/districts/{districtId}", admin.guarded(catalogAdmin::putDistrict))
                .route("DELETE /admin/v1/tenants/{tenantId}/districts/{districtId}",
                        admin.guarded(catalogAdmin::deleteDistrict))
                .route("PUT /admin/v1/tenants/{tenantId}/categories/{categoryId}", admin.guarded(catalogAdmin::putCategory))
                .route("DELETE /admin/v1/tenants/{tenantId}/categories/{categoryId}",
                        admin.guarded(catalogAdmin::deleteCategory))
                .route("PUT /admin/v1/tenants/{tenantId}/apps/{appId}", admin.guarded(catalogAdmin::putApp))
                .route("DELETE /admin/v1/tenants/{tenantId}/apps/{appId}", admin.guarded(catalogAdmin::deleteApp));
    }

    private static void warmUp(Supplier<SigningKeys> keys) {
        Html.compileAll();
        try {
            keys.get();
        } catch (RuntimeException e) {
            JsonLog.forClass(PublisherHandler.class).warn("signing keys not loaded at init; retried on first use",
                    java.util.Map.of("errorType", e.getClass().getName()));
        }
    }

    @Override
    protected Router router() {
        return router;
    }

    /**
     * Besides the default reads, a form request with a malformed token (refused before any AWS call: it renders the
     * link-error page, so Mustache and the messages are loaded), the stylesheet and an unauthenticated admin read.
     */
    @Override
    protected List<HttpRequest> primingRequests() {
        List<HttpRequest> requests = new ArrayList<>(super.primingRequests());
        Map<String, String> headers = Map.of("accept", "text/html", "accept-language", "nb");
        requests.add(new HttpRequest("GET", "/p/priming", "GET /p/{linkToken}", Map.of("linkToken", "priming"),
                Map.of(), headers, "", "127.0.0.1"));
        requests.add(new HttpRequest("GET", "/p/assets/form.css", "GET /p/assets/{file}", Map.of("file", "form.css"),
                Map.of(), headers, "", "127.0.0.1"));
        // An admin read without credentials: refused (401, or 403 in IAM mode) before any AWS call.
        requests.add(new HttpRequest("GET", "/admin/v1/tenants/priming/posts", "GET /admin/v1/tenants/{tenantId}/posts",
                Map.of("tenantId", "priming"), Map.of(), Map.of("accept", "application/json"), "", "127.0.0.1"));
        return requests;
    }

    /**
     * With {@code ADMIN_AUTH=iam}, an admin request must show that API Gateway's IAM authoriser passed it
     * (requestContext.authorizer.iam): should a route ever lose its authoriser, it fails closed instead of open.
     */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (iamAdmin && event.getRouteKey() != null && event.getRouteKey().contains(" /admin/")
                && !hasIamAuthorizer(event)) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(403)
                    .withHeaders(Map.of("content-type", HttpResponse.PROBLEM_JSON, "x-content-type-options", "nosniff"))
                    .withBody(Json.write(Problem.forbidden("The admin API needs IAM authorisation")))
                    .build();
        }
        return super.handleRequest(event, context);
    }

    private static boolean hasIamAuthorizer(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        return requestContext != null && requestContext.getAuthorizer() != null
                && requestContext.getAuthorizer().getIam() != null;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
