package no.nabolag.local.dynamodb;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nabolag.local.dynamodb.PartitionMonitor.PartitionKey;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Feeds the {@link PartitionMonitor} from every DynamoDB client of the JVM: listed in the classpath resource
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}, the SDK attaches it to each client it builds,
 * so the functions' own clients are watched without a line of function code. The local stack's set-up client (tables,
 * test data) carries {@link #UNMONITORED} and is not counted.
 *
 * <p>Units as DynamoDB bills them, approximated from item sizes (attribute names plus values): a write 1 unit per
 * started KB of the item written (UpdateItem: key and new values, or the item returned, whichever is larger), a read
 * 1 unit per started 4 KB (Query: the items returned together), BatchWriteItem and BatchGetItem per item,
 * transactions twice. Scans have no partition key and are not counted. Key schemas are learnt from CreateTable.
 */
public final class PartitionMonitorInterceptor implements ExecutionInterceptor {
    /** Set on a client's override configuration to leave its calls out of the counts. */
    public static final ExecutionAttribute<Boolean> UNMONITORED = new ExecutionAttribute<>("NabolagPartitionUnmonitored");
    private static final Pattern EQUALITY = Pattern.compile("([#A-Za-z0-9_.]+)\\s*=\\s*(:[A-Za-z0-9_]+)");
    /** Table (or "table/index") to the name of its partition key attribute, from every CreateTable seen. */
    private static final Map<String, String> HASH_KEYS = new ConcurrentHashMap<>();

    private final PartitionMonitor monitor;

    /** What the SDK calls for a global interceptor. */
    public PartitionMonitorInterceptor() {
        this(PartitionMonitor.shared());
    }

    PartitionMonitorInterceptor(PartitionMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof CreateTableRequest create) {
            learn(create);
            return;
        }
        if (Boolean.TRUE.equals(attributes.getAttribute(UNMONITORED))
                || !request.getClass().getPackageName().equals(PutItemRequest.class.getPackageName())) {
            return;
        }
        try {
            // One second for the whole call: a batch's items never straddle two seconds.
            count(request, context.response(), System.currentTimeMillis() / 1000);
        } catch (RuntimeException e) {
            // The monitor must never break a call it only watches.
        }
    }

    private void count(SdkRequest request, SdkResponse response, long second) {
        if (request instanceof PutItemRequest put) {
            write(second, put.tableName(), put.item(), writeUnits(put.item()));
        } else if (request instanceof UpdateItemRequest update) {
            long size = itemSize(update.key()) + valuesSize(update.expressionAttributeValues());
            if (response instanceof UpdateItemResponse updated && updated.hasAttributes()) {
                size = Math.max(size, itemSize(updated.attributes()));
            }
            write(second, update.tableName(), update.key(), units(size, 1024));
        } else if (request instanceof DeleteItemRequest delete) {
            long size = itemSize(delete.key());
            if (response instanceof DeleteItemResponse deleted && deleted.hasAttributes()) {
                size = Math.max(size, itemSize(deleted.attributes()));
            }
            write(second, delete.tableName(), delete.key(), units(size, 1024));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> writes.forEach(w -> {
                if (w.putRequest() != null) {
                    write(second, table, w.putRequest().item(), writeUnits(w.putRequest().item()));
                } else if (w.deleteRequest() != null) {
                    write(second, table, w.deleteRequest().key(), 1);
                }
            }));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem item : transaction.transactItems()) {
                if (item.put() != null) {
                    write(second, item.put().tableName(), item.put().item(), 2 * writeUnits(item.put().item()));
                } else if (item.update() != null) {
                    write(second, item.update().tableName(), item.update().key(), 2 * units(itemSize(item.update().key())
                            + valuesSize(item.update().expressionAttributeValues()), 1024));
                } else if (item.delete() != null) {
                    write(second, item.delete().tableName(), item.delete().key(), 2);
                } else if (item.conditionCheck() != null) {
                    read(second, item.conditionCheck().tableName(), null, hashValue(item.conditionCheck().tableName(),
                            item.conditionCheck().key()), 2);
                }
            }
        } else if (request instanceof GetItemRequest get && response instanceof GetItemResponse got) {
            read(second, get.tableName(), null, hashValue(get.tableName(), get.key()),
                    units(got.hasItem() ? itemSize(got.item()) : 0, 4096));
        } else if (response instanceof BatchGetItemResponse batch) {
            batch.responses().forEach((table, items) -> items.forEach(item ->
                    read(second, table, null, hashValue(table, item), units(itemSize(item), 4096))));
        } else if (request instanceof TransactGetItemsRequest && response instanceof TransactGetItemsResponse got) {
            var gets = ((TransactGetItemsRequest) request).transactItems();
            for (int i = 0; i < gets.size() && i < got.responses().size(); i++) {
                var get = gets.get(i).get();
                var item = got.responses().get(i);
                read(second, get.tableName(), null, hashValue(get.tableName(), get.key()),
                        2 * units(item.hasItem() ? itemSize(item.item()) : 0, 4096));
            }
        } else if (request instanceof QueryRequest query && response instanceof QueryResponse result) {
            String key = queryHashValue(query);
            if (key != null) {
                long size = 0;
                for (Map<String, AttributeValue> item : result.items()) {
                    size += itemSize(item);
                }
                read(second, query.tableName(), query.indexName(), key, units(size, 4096));
            }
        }
    }

    private void write(long second, String table, Map<String, AttributeValue> item, double units) {
        String key = hashValue(table, item);
        if (key != null) {
            monitor.record(new PartitionKey(table, null, key), units, 0, second);
        }
    }

    private void read(long second, String table, String index, String key, double units) {
        if (key != null) {
            monitor.record(new PartitionKey(table, index, key), 0, units, second);
        }
    }

    private static void learn(CreateTableRequest create) {
        hashKey(create.keySchema()).ifPresent(name -> HASH_KEYS.put(create.tableName(), name));
        if (create.hasGlobalSecondaryIndexes()) {
            create.globalSecondaryIndexes().forEach(gsi -> hashKey(gsi.keySchema()).ifPresent(name ->
                    HASH_KEYS.put(create.tableName() + "/" + gsi.indexName(), name)));
        }
        if (create.hasLocalSecondaryIndexes()) {
            hashKey(create.keySchema()).ifPresent(name -> create.localSecondaryIndexes().forEach(lsi ->
                    HASH_KEYS.put(create.tableName() + "/" + lsi.indexName(), name)));
        }
    }

    private static java.util.Optional<String> hashKey(List<KeySchemaElement> schema) {
        return schema.stream().filter(k -> k.keyType() == KeyType.HASH).map(KeySchemaElement::attributeName).findFirst();
    }

    /** The partition key value of an item or key; null when the table's schema is unknown. */
    private static String hashValue(String table, Map<String, AttributeValue> item) {
        String name = HASH_KEYS.get(table);
        AttributeValue value = name == null ? null : item.get(name);
        return value == null ? null : text(value);
    }

    /** The value the key condition gives the partition key ({@code pk = :v} or {@code #n = :v}). */
    private static String queryHashValue(QueryRequest query) {
        String name = HASH_KEYS.get(query.indexName() == null ? query.tableName() : query.tableName() + "/" + query.indexName());
        if (name == null || query.keyConditionExpression() == null) {
            return null;
        }
        Matcher m = EQUALITY.matcher(query.keyConditionExpression());
        while (m.find()) {
            String attribute = m.group(1);
            if (attribute.startsWith("#") && query.hasExpressionAttributeNames()) {
                attribute = query.expressionAttributeNames().getOrDefault(attribute, attribute);
            }
            if (attribute.equals(name) && query.hasExpressionAttributeValues()) {
                AttributeValue value = query.expressionAttributeValues().get(m.group(2));
                return value == null ? null : text(value);
            }
        }
        return null;
    }

    private static String text(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        return value.b() == null ? String.valueOf(value) : Base64.getEncoder().encodeToString(value.b().asByteArray());
    }

    private static double writeUnits(Map<String, AttributeValue> item) {
        return units(itemSize(item), 1024);
    }

    /** Started blocks of the given size; at least one unit per request, as DynamoDB bills. */
    static double units(long bytes, int block) {
        return Math.max(1, (bytes + block - 1) / block);
    }

    private static long valuesSize(Map<String, AttributeValue> values) {
        long size = 0;
        if (values != null) {
            for (AttributeValue value : values.values()) {
                size += valueSize(value);
            }
        }
        return size;
    }

    /** DynamoDB's item size: UTF-8 attribute names plus values. */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + valueSize(e.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return (value.n().length() + 1) / 2 + 1; // about one byte per two significant digits, plus one
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.bool() != null || Boolean.TRUE.equals(value.nul())) {
            return 1;
        }
        if (value.hasM()) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : value.m().entrySet()) {
                size += 1 + utf8(e.getKey()) + valueSize(e.getValue());
            }
            return size;
        }
        if (value.hasL()) {
            long size = 3;
            for (AttributeValue element : value.l()) {
                size += 1 + valueSize(element);
            }
            return size;
        }
        long size = 0;
        if (value.hasSs()) {
            for (String s : value.ss()) {
                size += utf8(s);
            }
        }
        if (value.hasNs()) {
            size += value.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
        }
        if (value.hasBs()) {
            size += value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
        }
        return size;
    }

    private static long utf8(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
