package no.nabolag.aws.organization;

import static no.nabolag.aws.dynamo.Attributes.string;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.core.organization.Organization;
import no.nabolag.core.organization.OrganizationKind;
import no.nabolag.core.organization.OrganizationStore;
import no.nabolag.core.organization.PublisherLink;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** OrganizationsTable as docs/data-model.md describes it: ORG#, LINK# and RATE# items under pk/sk. */
public final class DynamoDbOrganizationStore implements OrganizationStore {
    private static final String ORG = "ORG";
    private final DynamoDbClient dynamoDb;
    private final String table;

    public DynamoDbOrganizationStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public void create(Organization o) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s("ORG#" + o.organizationId()));
        item.put("sk", s(ORG));
        item.put("organizationId", s(o.organizationId()));
        item.put("name", s(o.name()));
        item.put("kind", s(o.kind().wire()));
        item.put("tenantId", s(o.tenantId()));
        item.put("districtIds", list(o.districtIds()));
        item.put("categoryIds", list(o.categoryIds()));
        item.put("trusted", AttributeValue.fromBool(o.trusted()));
        item.put("createdAt", s(o.createdAt().toString()));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("Organization exists: " + o.organizationId(), e);
        }
    }

    @Override
    public Optional<Organization> find(String organizationId) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key("ORG#" + organizationId, ORG))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toOrganization(item));
    }

    @Override
    public List<Organization> list() {
        // Organisations number in the hundreds per city: an admin-only filtered scan is simpler than an index.
        List<Organization> result = new ArrayList<>();
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression("sk = :org AND begins_with(pk, :prefix)")
                .expressionAttributeValues(Map.of(":org", s(ORG), ":prefix", s("ORG#")))
                .build();
        dynamoDb.scanPaginator(request).items().forEach(item -> result.add(toOrganization(item)));
        result.sort(Comparator.comparing(Organization::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Organization::organizationId));
        return result;
    }

    @Override
    public void createLink(PublisherLink link) {
        Map<String, AttributeValue> item = linkItem(link);
        item.put("pk", s("LINK#" + link.linkId()));
        item.put("sk", s("LINK"));
        dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        Map<String, AttributeValue> listed = linkItem(link);
        listed.put("pk", s("ORG#" + link.organizationId()));
        listed.put("sk", s("LINK#" + link.linkId()));
        dynamoDb.putItem(r -> r.tableName(table).item(listed));
    }

    @Override
    public Optional<PublisherLink> findLink(String linkId) {
        // Consistent read: a revocation takes effect at once.
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(key("LINK#" + linkId, "LINK"))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toLink(item));
    }

    @Override
    public List<PublisherLink> links(String organizationId) {
        List<PublisherLink> result = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s("ORG#" + organizationId), ":prefix", s("LINK#")))
                .build();
        dynamoDb.queryPaginator(request).items().forEach(item -> result.add(toLink(item)));
        result.sort(Comparator.comparing(PublisherLink::createdAt));
        return result;
    }

    @Override
    public boolean revokeLink(String linkId, Instant at) {
        Optional<PublisherLink> link = findLink(linkId);
        if (link.isEmpty()) {
            return false;
        }
        // The LINK# item is the one verification reads: revoke it first, then its listed copy.
        revoke(key("LINK#" + linkId, "LINK"), at);
        revoke(key("ORG#" + link.get().organizationId(), "LINK#" + linkId), at);
        return true;
    }

    @Override
    public boolean extendLink(String linkId, Instant expiresAt) {
        Optional<PublisherLink> link = findLink(linkId);
        if (link.isEmpty()) {
            return false;
        }
        // The LINK# item decides (verification reads it); the listed copy follows for the console's list.
        if (!extend(key("LINK#" + linkId, "LINK"), expiresAt)) {
            return false;
        }
        extend(key("ORG#" + link.get().organizationId(), "LINK#" + linkId), expiresAt);
        return true;
    }

    private boolean extend(Map<String, AttributeValue> key, Instant expiresAt) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET expiresAt = :e")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(revokedAt) AND expiresAt < :e")
                    .expressionAttributeValues(Map.of(":e", s(expiresAt.toString()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private void revoke(Map<String, AttributeValue> key, Instant at) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key)
                    .updateExpression("SET revokedAt = if_not_exists(revokedAt, :at)")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":at", s(at.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // the listed copy is missing (written after the LINK# item): nothing to mark
        }
    }

    @Override
    public boolean countIfBelow(String linkId, String window, int limit, long ttlEpochSeconds) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key("RATE#" + linkId, window))
                    .updateExpression("ADD #count :one SET #ttl = :ttl")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count", "#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":ttl", AttributeValue.fromN(Long.toString(ttlEpochSeconds)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> linkItem(PublisherLink link) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("linkId", s(link.linkId()));
        item.put("organizationId", s(link.organizationId()));
        item.put("keyId", s(link.keyId()));
        item.put("expiresAt", s(link.expiresAt().toString()));
        item.put("createdAt", s(link.createdAt().toString()));
        if (link.revokedAt() != null) {
            item.put("revokedAt", s(link.revokedAt().toString()));
        }
        return item;
    }

    private static Organization toOrganization(Map<String, AttributeValue> item) {
        return new Organization(
                string(item, "organizationId"),
                string(item, "name"),
                OrganizationKind.parse(string(item, "kind")).orElse(OrganizationKind.EXTERNAL),
                string(item, "tenantId"),
                strings(item.get("districtIds")),
                strings(item.get("categoryIds")),
                item.containsKey("trusted") && Boolean.TRUE.equals(item.get("trusted").bool()),
                Instant.parse(string(item, "createdAt")));
    }

    private static PublisherLink toLink(Map<String, AttributeValue> item) {
        String revokedAt = string(item, "revokedAt");
        return new PublisherLink(
                string(item, "linkId"),
                string(item, "organizationId"),
                string(item, "keyId"),
                Instant.parse(string(item, "expiresAt")),
                Instant.parse(string(item, "createdAt")),
                revokedAt == null ? null : Instant.parse(revokedAt));
    }

    private static List<String> strings(AttributeValue value) {
        if (value == null) {
            return List.of();
        }
        if (value.hasL()) {
            return value.l().stream().map(AttributeValue::s).toList();
        }
        if (value.hasSs()) {
            return List.copyOf(value.ss());
        }
        return List.of();
    }

    private static AttributeValue list(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }
}
