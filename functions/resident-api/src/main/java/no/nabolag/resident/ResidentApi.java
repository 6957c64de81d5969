package no.nabolag.resident;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import no.nabolag.core.catalog.Catalog;
import no.nabolag.core.catalog.CatalogStore;
import no.nabolag.core.catalog.District;
import no.nabolag.core.catalog.Tenant;
import no.nabolag.core.device.Device;
import no.nabolag.core.device.DeviceService;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.feed.FeedCursor;
import no.nabolag.core.feed.FeedPage;
import no.nabolag.core.feed.FeedPost;
import no.nabolag.core.feed.FeedQuery;
import no.nabolag.core.feed.FeedService;
import no.nabolag.core.feed.PostReader;
import no.nabolag.core.subscription.CurrentCatalog;
import no.nabolag.core.subscription.SubscriptionChoice;
import no.nabolag.core.subscription.SubscriptionService;
import no.nabolag.core.subscription.Subscriptions;
import no.nabolag.lambda.http.web.HttpRequest;
import no.nabolag.lambda.http.web.HttpResponse;
import no.nabolag.lambda.http.web.Problem;
import no.nabolag.lambda.http.web.Router;

/**
 * The resident API's routes (exactly the route keys of ResidentApiFunction in template.yaml): translate requests to
 * domain calls and domain results to JSON. See openapi.yaml for the contract.
 */
public final class ResidentApi {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;
    /** Public district feed pages are kept per container this long (the issue allows at most 30 s). */
    public static final Duration FEED_CACHE_TTL = Duration.ofSeconds(15);
    static final String YAML = "application/yaml";

    private final CatalogStore catalog;
    private final CurrentCatalog currentCatalog;
    private final DeviceService devices;
    private final SubscriptionService subscriptions;
    private final FeedService feeds;
    private final PostReader posts;
    private final Supplier<FeedCursor> cursors;
    private final String publicBaseUrl;
    private final Clock clock;
    private final Cache<String, FeedPage> districtPages;
    private final Router router;

    public ResidentApi(CatalogStore catalog, CurrentCatalog currentCatalog, DeviceService devices,
                       SubscriptionService subscriptions, FeedService feeds, PostReader posts,
                       Supplier<FeedCursor> cursors, String publicBaseUrl, Clock clock) {
        this.catalog = catalog;
        this.currentCatalog = currentCatalog;
        this.devices = devices;
        this.subscriptions = subscriptions;
        this.feeds = feeds;
        this.posts = posts;
        this.cursors = cursors;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        this.clock = clock;
        this.districtPages = Caffeine.newBuilder().expireAfterWrite(FEED_CACHE_TTL).maximumSize(10_000).build();
        this.router = new Router()
                .route("GET /v1/tenants", r -> tenants())
                .route("GET /v1/tenants/{tenantId}/categories", this::categories)
                .route("POST /v1/devices", this::register)
                .route("PUT /v1/devices/{deviceId}", this::updateDevice)
                .route("DELETE /v1/devices/{deviceId}", this::deleteDevice)
                .route("GET /v1/devices/{deviceId}/subscriptions", this::getSubscriptions)
                .route("PUT /v1/devices/{deviceId}/subscriptions", this::putSubscriptions)
                .route("GET /v1/devices/{deviceId}/feed", this::deviceFeed)
                .route("GET /v1/posts/{postId}", this::post)
                .route("GET /v1/districts/{districtId}/feed", this::districtFeed)
                .route("GET /v1/districts/{districtId}/feed.atom", this::districtAtom)
                .route("GET /v1/openapi.yaml", r -> openApi())
                .route(Router.DEFAULT_ROUTE, r -> Problem.notFound("No route " + r.method() + " " + r.path())
                        .toResponse());
    }

    public Router router() {
        return router;
    }

    // ------------------------------------------------------------------ catalog

    private HttpResponse tenants() {
        Catalog c = catalog.load();
        List<Views.TenantView> result = new ArrayList<>();
        for (Tenant t : c.tenants()) {
            result.add(new Views.TenantView(t.tenantId(), t.name(), c.activeDistricts(t.tenantId()).stream()
                    .map(d -> new Views.DistrictView(d.districtId(), d.name())).toList()));
        }
        return HttpResponse.json(200, result);
    }

    private HttpResponse categories(HttpRequest request) {
        Catalog c = catalog.load();
        Tenant tenant = c.tenant(request.pathParameter("tenantId"))
                .orElseThrow(() -> Problem.notFound("No such tenant").exception());
        String lang = request.queryParameter("lang").orElse(tenant.defaultLocale());
        return HttpResponse.json(200, c.activeCategories(tenant.tenantId()).stream()
                .map(cat -> new Views.CategoryView(cat.categoryId(), cat.name(lang, tenant.defaultLocale()),
                        cat.description(lang, tenant.defaultLocale())))
                .toList());
    }

    // ------------------------------------------------------------------ devices

    /**
     * 201 at once: the push endpoint is made by the endpoint worker (SNS allows about 30 per second), and pushes
     * follow once it exists. 503 with Retry-After only when the request could not be queued (nothing is kept then).
     */
    private HttpResponse register(HttpRequest request) {
        RequestReader.Registration r = RequestReader.registration(request.body());
        DeviceService.Registration registration = devices.register(new DeviceService.NewDevice(r.appId(),
                r.platform(), r.pushToken(), r.locale(), r.timeZone()));
        return HttpResponse.json(201, new Views.RegisteredDevice(registration.deviceId(), registration.deviceSecret()))
                .withHeader("location", "/v1/devices/" + registration.deviceId())
                .withHeader("cache-control", "no-store");
    }

    private Device authenticated(HttpRequest request) {
        return devices.authenticate(request.pathParameter("deviceId"), request.header("authorization").orElse(null),
                false);
    }

    private HttpResponse updateDevice(HttpRequest request) {
        Device device = authenticated(request);
        DeviceService.Changes changes = RequestReader.changes(request.body());
        return HttpResponse.json(200, Views.DeviceView.of(devices.update(device, changes)));
    }

    /** A device whose erasure stopped half-way (a 503) authenticates once more, so the app's retry finishes it. */
    private HttpResponse deleteDevice(HttpRequest request) {
        devices.erase(devices.authenticate(request.pathParameter("deviceId"),
                request.header("authorization").orElse(null), true));
        return HttpResponse.noContent();
    }

    private HttpResponse getSubscriptions(HttpRequest request) {
        Device device = authenticated(request);
        return HttpResponse.json(200, Views.SubscriptionsView.of(subscriptions.current(device)))
                .withHeader("cache-control", "no-store");
    }

    private HttpResponse putSubscriptions(HttpRequest request) {
        Device device = authenticated(request);
        Subscriptions desired = RequestReader.subscriptions(request.body());
        // Checked against the catalog as stored now, not the cached one: a district retired seconds ago is refused.
        Catalog current = currentCatalog.forDistricts(desired.subscriptions().stream()
                .map(SubscriptionChoice::districtId).toList());
        Subscriptions stored = subscriptions.replace(device, desired, current);
        return HttpResponse.json(200, Views.SubscriptionsView.of(stored));
    }

    // ------------------------------------------------------------------ feeds

    private HttpResponse deviceFeed(HttpRequest request) {
        Device device = authenticated(request);
        devices.seen(device);
        int limit = limit(request);
        String scope = "device:" + device.deviceId();
        String before = request.queryParameter("cursor").map(c -> cursors.get().decode(scope, c)).orElse(null);
        List<FeedQuery> queries = subscriptions.current(device).subscriptions().stream()
                .map(s -> new FeedQuery(s.districtId(), Set.copyOf(s.categories()))).toList();
        FeedPage page = queries.isEmpty() ? new FeedPage(List.of(), null) : feeds.page(queries, before, limit);
        return HttpResponse.json(200, feedView(page, device.locale(), scope, catalog.load()))
                .withHeader("cache-control", "private, no-store");
    }

    private HttpResponse districtFeed(HttpRequest request) {
        DistrictRequest d = districtRequest(request);
        String scope = "district:" + d.district().districtId();
        String before = request.queryParameter("cursor").map(c -> cursors.get().decode(scope, c)).orElse(null);
        FeedPage page = cachedDistrictPage(d, before);
        return HttpResponse.json(200, feedView(page, d.lang(), scope, d.catalog()))
                .withHeader("cache-control", "public, max-age=" + FEED_CACHE_TTL.toSeconds());
    }

    private HttpResponse districtAtom(HttpRequest request) {
        DistrictRequest d = districtRequest(request);
        FeedPage page = cachedDistrictPage(d, null);
        List<Views.PostView> items = page.posts().stream().map(p -> Views.PostView.of(p, d.lang(), d.catalog())).toList();
        String feedUrl = publicBaseUrl + "/v1/districts/" + d.district().districtId() + "/feed.atom"
                + atomQuery(request, d);
        String feedId = "urn:nabolag:district:" + d.district().districtId()
                + (d.categories() == null ? "" : ":" + String.join(",", d.categories()));
        String xml = AtomFeedWriter.write(feedId, feedUrl, "Nabolag: " + d.district().name(d.lang()), d.lang(), items,
                publicBaseUrl + "/v1/posts/", clock.instant());
        return HttpResponse.of(200, AtomFeedWriter.CONTENT_TYPE, xml)
                .withHeader("cache-control", "public, max-age=" + FEED_CACHE_TTL.toSeconds());
    }

    /**
     * The query of the Atom feed as served, for its self link: the categories (sorted), the language when one was
     * asked for, and the page size when one was asked for. Another language or size is another document.
     */
    private static String atomQuery(HttpRequest request, DistrictRequest d) {
        List<String> query = new ArrayList<>();
        if (d.categories() != null) {
            query.add("categories=" + URLEncoder.encode(String.join(",", d.categories()), StandardCharsets.UTF_8));
        }
        request.queryParameter("lang").filter(RequestReader.LOCALES::contains).ifPresent(lang -> query.add("lang=" + lang));
        if (request.queryParameter("limit").isPresent()) {
            query.add("limit=" + d.limit());
        }
        return query.isEmpty() ? "" : "?" + String.join("&", query);
    }

    private record DistrictRequest(District district, TreeSet<String> categories, int limit, String lang,
                                   Catalog catalog) {
    }

    private DistrictRequest districtRequest(HttpRequest request) {
        Catalog c = catalog.load();
        District district = c.activeDistrict(request.pathParameter("districtId"))
                .orElseThrow(() -> Problem.notFound("No such district").exception());
        String defaultLocale = c.tenant(district.tenantId()).map(Tenant::defaultLocale).orElse("nb");
        TreeSet<String> categories = null;
        List<FieldError> errors = new ArrayList<>();
        for (String value : request.queryParameters("categories")) {
            for (String id : value.split(",")) {
                String trimmed = id.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (categories == null) {
                    categories = new TreeSet<>();
                }
                if (c.activeCategory(district.tenantId(), trimmed).isEmpty()) {
                    errors.add(new FieldError("categories", "unknown category '"
                            + (trimmed.length() > RequestReader.MAX_ID ? trimmed.substring(0, RequestReader.MAX_ID) + "…"
                            : trimmed) + "' in tenant '" + district.tenantId() + "'"));
                } else {
                    categories.add(trimmed);
                }
            }
        }
        int limit = 0;
        try {
            limit = limit(request);
        } catch (no.nabolag.lambda.http.web.ProblemException e) {
            errors.addAll(e.problem().errors());
        }
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).exception();
        }
        String lang = request.queryParameter("lang").filter(RequestReader.LOCALES::contains).orElse(defaultLocale);
        return new DistrictRequest(district, categories, limit, lang, c);
    }

    /** Public pages are the same for everyone: cached per container by district, categories, cursor and limit. */
    private FeedPage cachedDistrictPage(DistrictRequest d, String before) {
        String key = d.district().districtId() + "|" + (d.categories() == null ? "*" : String.join(",", d.categories()))
                + "|" + (before == null ? "" : before) + "|" + d.limit();
        return districtPages.get(key, k -> feeds.page(
                List.of(new FeedQuery(d.district().districtId(), d.categories())), before, d.limit()));
    }

    private Views.FeedView feedView(FeedPage page, String lang, String scope, Catalog c) {
        List<Views.PostView> items = page.posts().stream().map(p -> Views.PostView.of(p, lang, c)).toList();
        String next = page.nextKey() == null ? null : cursors.get().encode(scope, page.nextKey());
        return new Views.FeedView(items, next);
    }

    private static int limit(HttpRequest request) {
        String raw = request.queryParameter("limit").orElse(null);
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problem.validation(List.of(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT)))
                .exception();
    }

    private HttpResponse post(HttpRequest request) {
        String postId = request.pathParameter("postId");
        FeedPost post = postId == null || postId.length() > RequestReader.MAX_ID ? null
                : posts.find(postId).filter(p -> p.visibleAt(clock.instant())).orElse(null);
        if (post == null) {
            throw Problem.notFound("No such post").exception();
        }
        Catalog c = catalog.load();
        String lang = request.queryParameter("lang").orElse(null);
        return HttpResponse.json(200, Views.PostView.of(post, lang, c))
                .withHeader("cache-control", "public, max-age=" + FEED_CACHE_TTL.toSeconds());
    }

    // ------------------------------------------------------------------ contract

    private static final String OPENAPI = loadOpenApi();

    private static String loadOpenApi() {
        try (InputStream in = ResidentApi.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the resident API jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse openApi() {
        return HttpResponse.of(200, YAML, OPENAPI).withHeader("cache-control", "public, max-age=300");
    }

    static Set<String> routeKeys(ResidentApi api) {
        return new LinkedHashSet<>(api.router.routeKeys());
    }
}
