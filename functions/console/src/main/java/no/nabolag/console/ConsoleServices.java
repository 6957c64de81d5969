package no.nabolag.console;

import java.time.Clock;
import java.time.Duration;
import no.nabolag.aws.AwsClients;
import no.nabolag.core.delivery.PushPayloads;
import no.nabolag.core.delivery.NotificationText;
import no.nabolag.aws.audience.DynamoDbAudienceCounter;
import no.nabolag.aws.catalog.DynamoDbCatalogStore;
import no.nabolag.aws.catalog.DynamoDbCatalogWriter;
import no.nabolag.aws.delivery.DynamoDbDeliveryFiguresStore;
import no.nabolag.aws.organization.DynamoDbOrganizationStore;
import no.nabolag.aws.post.DynamoDbFeedStore;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.aws.post.SqsFanoutQueue;
import no.nabolag.core.audience.AudienceCounter;
import no.nabolag.core.audience.CachedAudienceCounter;
import no.nabolag.core.catalog.CachedCatalogStore;
import no.nabolag.core.catalog.CatalogAdmin;
import no.nabolag.core.catalog.CatalogStore;
import no.nabolag.core.config.Lazy;
import no.nabolag.core.config.Settings;
import no.nabolag.core.delivery.DeliveryFiguresStore;
import no.nabolag.core.moderation.Moderation;
import no.nabolag.core.organization.CatalogStoreReader;
import no.nabolag.core.organization.LinkTokens;
import no.nabolag.core.organization.OrganizationStore;
import no.nabolag.core.organization.Organizations;
import no.nabolag.core.organization.PublisherLinks;
import no.nabolag.core.post.FanoutQueue;
import no.nabolag.core.post.PostPublication;
import no.nabolag.core.post.PostStore;
import no.nabolag.core.preview.NotificationPreview;
import no.nabolag.core.preview.PushText;
import no.nabolag.core.security.SigningKeys;
import no.nabolag.core.subscription.AudienceShard;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The domain services the console calls: the same core classes the admin API uses (organisations, publisher links,
 * moderation, post publication), the catalog read model of the resident API, the delivery figures, and the publish
 * page's preview: the audience count (from the audience index, kept 30 s per set of districts and categories) and the
 * notifications as delivery will send them (delivery's own shortening, {@link PushPayloads#preview}).
 */
public record ConsoleServices(OrganizationStore organizationStore, Organizations organizations, PublisherLinks links,
                              PostStore posts, PostPublication publication, Moderation moderation, CatalogStore catalog,
                              CatalogAdmin catalogAdmin, AudienceCounter audience, NotificationPreview notifications,
                              DeliveryFiguresStore figures) {
    static final Duration AUDIENCE_CACHE = Duration.ofSeconds(30);

    public static ConsoleServices from(Settings settings, SigningKeys keys, Clock clock) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        OrganizationStore orgStore = new DynamoDbOrganizationStore(dynamoDb, settings.require("ORGANIZATIONS_TABLE"));
        PostStore posts = new DynamoDbPostStore(dynamoDb, settings.require("POSTS_TABLE"));
        // The SQS client is built when a post is first published, not on every cold start for a page view.
        Lazy<FanoutQueue> fanoutQueue = Lazy.of(() -> new SqsFanoutQueue(AwsClients.sqs(settings), settings.require("FANOUT_QUEUE_URL")));
        PostPublication publication = new PostPublication(posts,
                new DynamoDbFeedStore(dynamoDb, settings.require("FEED_TABLE")),
                postId -> fanoutQueue.get().send(postId), clock);
        CatalogStore catalog = new CachedCatalogStore(new DynamoDbCatalogStore(dynamoDb, settings.require("CATALOG_TABLE")),
                Duration.ofSeconds(10), clock);
        return new ConsoleServices(orgStore,
                new Organizations(orgStore, new CatalogStoreReader(catalog), clock),
                new PublisherLinks(orgStore, new LinkTokens(keys), settings.require("PUBLIC_BASE_URL"), clock),
                posts, publication, new Moderation(posts, publication, clock), catalog,
                // The console never retires districts (the admin API does, knowing their subscribers): refuse it here.
                new CatalogAdmin(new DynamoDbCatalogWriter(dynamoDb, settings.require("CATALOG_TABLE")), districtId -> true),
                new CachedAudienceCounter(new DynamoDbAudienceCounter(dynamoDb, settings.require("SUBSCRIPTIONS_TABLE"),
                        settings.require("CATALOG_TABLE"), settings.getInt("AUDIENCE_SHARDS", AudienceShard.DEFAULT_SHARDS)),
                        AUDIENCE_CACHE, clock),
                new NotificationPreview((platform, title, body, urgent) -> {
                    NotificationText shown = PushPayloads.preview(platform, title, body, urgent);
                    return new PushText.Shown(shown.title(), shown.body(), shown.shortened());
                }),
                new DynamoDbDeliveryFiguresStore(dynamoDb, settings.require("DELIVERY_TABLE")));
    }

    /** No domain at all: for tests of sign-in and sessions only. */
    public static ConsoleServices none() {
        return new ConsoleServices(null, null, null, null, null, null, null, null, null, null, null);
    }
}
