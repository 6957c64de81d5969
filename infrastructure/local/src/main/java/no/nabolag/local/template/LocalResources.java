package no.nabolag.local.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nabolag.core.json.Json;
import no.nabolag.core.log.JsonLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates every {@code AWS::DynamoDB::Table} and {@code AWS::SQS::Queue} of template.yaml in the emulators and
 * remembers their local names, URLs and ARNs. Table and queue names are the logical ids (or the template's
 * TableName/QueueName when set). TimeToLiveSpecification is skipped: dynalite has no UpdateTimeToLive.
 */
public final class LocalResources {
    private static final JsonLog LOG = JsonLog.forClass(LocalResources.class);

    private final String region;
    private final String accountId;
    private final Map<String, String> tableNames = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, String> queueArns = new LinkedHashMap<>();
    private final Map<String, String> queueNames = new LinkedHashMap<>();

    public LocalResources(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public Map<String, String> tableNames() {
        return tableNames;
    }

    public Map<String, String> queueUrls() {
        return queueUrls;
    }

    public String tableArn(String logicalId) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableNames.get(logicalId);
    }

    public String queueArn(String logicalId) {
        return queueArns.get(logicalId);
    }

    public String queueName(String logicalId) {
        return queueNames.get(logicalId);
    }

    /** The logical id of the queue with this ARN, if it is one of ours. */
    public String queueIdByArn(String arn) {
        return queueArns.entrySet().stream().filter(e -> e.getValue().equals(arn)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    public void createTables(TemplateModel template, Intrinsics intrinsics, DynamoDbClient dynamoDb) {
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            Map<String, Object> p = template.properties(id);
            String name = p.containsKey("TableName") ? intrinsics.string(p.get("TableName")) : id;
            List<AttributeDefinition> attributes = new ArrayList<>();
            for (Object a : TemplateModel.list(p.get("AttributeDefinitions"))) {
                Map<String, Object> m = TemplateModel.cast(a);
                attributes.add(AttributeDefinition.builder().attributeName(intrinsics.string(m.get("AttributeName")))
                        .attributeType(intrinsics.string(m.get("AttributeType"))).build());
            }
            boolean provisioned = "PROVISIONED".equals(intrinsics.string(p.get("BillingMode")));
            CreateTableRequest.Builder request = CreateTableRequest.builder().tableName(name)
                    .attributeDefinitions(attributes).keySchema(keys(p.get("KeySchema"), intrinsics));
            ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(5L)
                    .writeCapacityUnits(5L).build();
            if (provisioned) {
                request.provisionedThroughput(throughput);
            } else {
                request.billingMode(BillingMode.PAY_PER_REQUEST);
            }
            List<GlobalSecondaryIndex> gsis = new ArrayList<>();
            for (Object g : TemplateModel.list(p.get("GlobalSecondaryIndexes"))) {
                Map<String, Object> m = TemplateModel.cast(g);
                GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                        .indexName(intrinsics.string(m.get("IndexName"))).keySchema(keys(m.get("KeySchema"), intrinsics))
                        .projection(projection(m.get("Projection"), intrinsics));
                if (provisioned) {
                    gsi.provisionedThroughput(throughput);
                }
                gsis.add(gsi.build());
            }
            if (!gsis.isEmpty()) {
                request.globalSecondaryIndexes(gsis);
            }
            List<LocalSecondaryIndex> lsis = new ArrayList<>();
            for (Object l : TemplateModel.list(p.get("LocalSecondaryIndexes"))) {
                Map<String, Object> m = TemplateModel.cast(l);
                lsis.add(LocalSecondaryIndex.builder().indexName(intrinsics.string(m.get("IndexName")))
                        .keySchema(keys(m.get("KeySchema"), intrinsics))
                        .projection(projection(m.get("Projection"), intrinsics)).build());
            }
            if (!lsis.isEmpty()) {
                request.localSecondaryIndexes(lsis);
            }
            try {
                dynamoDb.createTable(request.build());
            } catch (ResourceInUseException alreadyThere) {
                LOG.info("Table already exists", Map.of("table", name));
            }
            tableNames.put(id, name);
        }
        LOG.info("Tables created", Map.of("tables", tableNames.values()));
    }

    private static List<KeySchemaElement> keys(Object schema, Intrinsics intrinsics) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : TemplateModel.list(schema)) {
            Map<String, Object> m = TemplateModel.cast(k);
            keys.add(KeySchemaElement.builder().attributeName(intrinsics.string(m.get("AttributeName")))
                    .keyType(intrinsics.string(m.get("KeyType"))).build());
        }
        return keys;
    }

    private static Projection projection(Object value, Intrinsics intrinsics) {
        Map<String, Object> m = value == null ? Map.of() : TemplateModel.cast(value);
        Projection.Builder projection = Projection.builder()
                .projectionType(m.containsKey("ProjectionType") ? intrinsics.string(m.get("ProjectionType")) : "KEYS_ONLY");
        if (m.containsKey("NonKeyAttributes")) {
            List<String> names = new ArrayList<>();
            TemplateModel.list(m.get("NonKeyAttributes")).forEach(n -> names.add(intrinsics.string(n)));
            projection.nonKeyAttributes(names);
        }
        return projection.build();
    }

    /** Creates the queues, dead-letter queues first so a redrive policy can name its target's ARN. */
    public void createQueues(TemplateModel template, Intrinsics intrinsics, SqsClient sqs) {
        List<String> pending = new ArrayList<>(template.resourcesOfType("AWS::SQS::Queue"));
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (String id : List.copyOf(pending)) {
                Map<String, Object> p = template.properties(id);
                String target = redriveTarget(p);
                if (target != null && !queueArns.containsKey(target) && pending.contains(target)) {
                    continue;
                }
                createQueue(id, p, intrinsics, sqs);
                pending.remove(id);
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("Circular redrive policies among queues " + pending);
            }
        }
        LOG.info("Queues created", Map.of("queues", queueNames.values()));
    }

    private static String redriveTarget(Map<String, Object> properties) {
        if (properties.get("RedrivePolicy") instanceof Map<?, ?> redrive
                && redrive.get("deadLetterTargetArn") instanceof Map<?, ?> arn
                && arn.get("Fn::GetAtt") instanceof List<?> getAtt) {
            return String.valueOf(getAtt.get(0));
        }
        return null;
    }

    private void createQueue(String id, Map<String, Object> p, Intrinsics intrinsics, SqsClient sqs) {
        boolean fifo = "true".equals(intrinsics.string(p.get("FifoQueue")));
        String name = p.containsKey("QueueName") ? intrinsics.string(p.get("QueueName")) : id + (fifo ? ".fifo" : "");
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        copy(p, "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT, attributes, intrinsics);
        copy(p, "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD, attributes, intrinsics);
        copy(p, "DelaySeconds", QueueAttributeName.DELAY_SECONDS, attributes, intrinsics);
        copy(p, "MaximumMessageSize", QueueAttributeName.MAXIMUM_MESSAGE_SIZE, attributes, intrinsics);
        copy(p, "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS, attributes,
                intrinsics);
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            copy(p, "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, attributes, intrinsics);
        }
        if (p.get("RedrivePolicy") instanceof Map<?, ?> redrive) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("deadLetterTargetArn", intrinsics.string(redrive.get("deadLetterTargetArn")));
            policy.put("maxReceiveCount", Integer.parseInt(intrinsics.string(redrive.get("maxReceiveCount"))));
            attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(policy));
        }
        String url = sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queueUrls.put(id, url);
        queueArns.put(id, arn);
        queueNames.put(id, name);
    }

    private static void copy(Map<String, Object> p, String property, QueueAttributeName attribute,
                             Map<QueueAttributeName, String> attributes, Intrinsics intrinsics) {
        if (p.containsKey(property)) {
            attributes.put(attribute, intrinsics.string(p.get(property)));
        }
    }
}
