package no.nabolag.aws.delivery;

import java.util.Optional;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.delivery.DeliveryPost;
import no.nabolag.core.delivery.DeliveryPosts;
import no.nabolag.core.delivery.Figures;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@link DeliveryPosts} over the post module's {@link PostStore} (consistent reads; delivery writes no post item). */
public final class DynamoDbDeliveryPosts implements DeliveryPosts {
    private final PostStore posts;

    public DynamoDbDeliveryPosts(DynamoDbClient dynamoDb, String table) {
        this(new DynamoDbPostStore(dynamoDb, table));
    }

    public DynamoDbDeliveryPosts(PostStore posts) {
        this.posts = posts;
    }

    @Override
    public Optional<DeliveryPost> find(String postId) {
        return posts.find(postId).map(DynamoDbDeliveryPosts::toDeliveryPost);
    }

    static DeliveryPost toDeliveryPost(Post post) {
        return new DeliveryPost(post.postId(), post.status() == null ? null : post.status().name(),
                post.districtIds(), post.categoryIds(), post.title(), post.body(), post.titleEn(), post.bodyEn(),
                post.urgent(), post.expiresAt(), post.tenantId());
    }
}
