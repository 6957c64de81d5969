package no.nabolag.aws.post;

import static no.nabolag.aws.dynamo.Attributes.bool;
import static no.nabolag.aws.dynamo.Attributes.instant;
import static no.nabolag.aws.dynamo.Attributes.list;
import static no.nabolag.aws.dynamo.Attributes.number;
import static no.nabolag.aws.dynamo.Attributes.putIfPresent;
import static no.nabolag.aws.dynamo.Attributes.s;
import static no.nabolag.aws.dynamo.Attributes.string;
import static no.nabolag.aws.dynamo.Attributes.strings;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps posts to PostsTable items and back (the attribute names of docs/data-model.md). */
public final class PostItems {
    private PostItems() {
    }

    /** The hash key of the GSI tenantStatus: one tenant's posts in one state, "<tenantId>#<status>". */
    public static final String TENANT_STATUS = "tenantStatus";

    public static String tenantStatus(String tenantId, PostStatus status) {
        return tenantId + "#" + status.name();
    }

    public static Map<String, AttributeValue> toItem(Post post) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("postId", s(post.postId()));
        item.put("tenantId", s(post.tenantId()));
        putIfPresent(item, "organizationId", post.organizationId());
        putIfPresent(item, "organizationName", post.organizationName());
        item.put("districtIds", list(post.districtIds()));
        item.put("categoryIds", list(post.categoryIds()));
        item.put("title", s(post.title()));
        item.put("body", s(post.body()));
        putIfPresent(item, "titleEn", post.titleEn());
        putIfPresent(item, "bodyEn", post.bodyEn());
        putIfPresent(item, "url", post.url());
        item.put("urgent", bool(post.urgent()));
        putIfPresent(item, "publishAt", post.publishAt());
        putIfPresent(item, "expiresAt", post.expiresAt());
        putIfPresent(item, "createdAt", post.createdAt());
        putIfPresent(item, "publishedAt", post.publishedAt());
        item.put("status", s(post.status().name()));
        item.put(TENANT_STATUS, s(tenantStatus(post.tenantId(), post.status())));
        putIfPresent(item, "statusAt", post.statusAt());
        putIfPresent(item, "reason", post.reason());
        item.put("history", AttributeValue.fromL(post.history().stream().map(PostItems::historyEntry).toList()));
        return item;
    }

    static AttributeValue historyEntry(StateChange change) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("status", s(change.status().name()));
        entry.put("at", s(change.at()));
        putIfPresent(entry, "by", change.by());
        putIfPresent(entry, "reason", change.reason());
        return AttributeValue.fromM(entry);
    }

    public static Post fromItem(Map<String, AttributeValue> item) {
        List<StateChange> history = item.containsKey("history") && item.get("history").hasL()
                ? item.get("history").l().stream().map(v -> {
                    Map<String, AttributeValue> m = v.m();
                    return new StateChange(PostStatus.valueOf(string(m, "status")), instant(m, "at"),
                            string(m, "by"), string(m, "reason"));
                }).toList()
                : List.of();
        DeliveryFigures figures = new DeliveryFigures(number(item, "matched"), number(item, "sent"),
                number(item, "failed"), number(item, "disabled"), number(item, "deferred"),
                instant(item, "firstPushAt"), instant(item, "lastPushAt"));
        return new Post(string(item, "postId"), string(item, "tenantId"), string(item, "organizationId"),
                string(item, "organizationName"), strings(item, "districtIds"), strings(item, "categoryIds"),
                string(item, "title"), string(item, "body"), string(item, "titleEn"), string(item, "bodyEn"),
                string(item, "url"), bool(item, "urgent"), instant(item, "publishAt"), instant(item, "expiresAt"),
                instant(item, "createdAt"), instant(item, "publishedAt"), PostStatus.valueOf(string(item, "status")),
                instant(item, "statusAt"), string(item, "reason"), history, figures);
    }
}
