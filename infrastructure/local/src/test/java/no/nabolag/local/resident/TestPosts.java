package no.nabolag.local.resident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.nabolag.aws.post.DynamoDbFeedStore;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.local.LocalStack;

/** Writes posts the way publishing does (core.post stores), so the feeds read what the real writer wrote. */
final class TestPosts {
    private final DynamoDbPostStore posts;
    private final DynamoDbFeedStore feed;

    TestPosts(LocalStack stack) {
        this.posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
        this.feed = new DynamoDbFeedStore(stack.dynamoDb(), stack.tableName("FeedTable"));
    }

    static Post post(String tenantId, List<String> districts, List<String> categories, String title, Instant publishedAt,
                     PostStatus status, Instant expiresAt, String titleEn) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return new Post(id, tenantId, "org-" + id, "Velforeningen", districts, categories, title, "Tekst for " + title,
                titleEn, titleEn == null ? null : "Text for " + titleEn, "https://example.org/" + id, false, null,
                expiresAt, publishedAt, publishedAt, status, publishedAt, null, List.of(), null);
    }

    /** Stores the post and, when it is published, its feed entries. Returns its id. */
    String store(Post post) {
        posts.create(post);
        if (post.status() == PostStatus.PUBLISHED || post.status() == PostStatus.WITHDRAWN) {
            feed.addEntries(post);
        }
        return post.postId();
    }

    String published(String tenantId, List<String> districts, List<String> categories, String title, Instant at) {
        return store(post(tenantId, districts, categories, title, at, PostStatus.PUBLISHED, null, null));
    }
}
