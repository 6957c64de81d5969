package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import no.nabolag.aws.subscription.DynamoDbSubscriptionStore;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.subscription.SubscriptionItem;
import no.nabolag.core.subscription.SubscriptionStore;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A device change copied into its subscription items (the endpoint worker's rewrite) against a change of choices
 * written at the same time, on the local stack's DynamoDB through the real SDK: the copy carries the device's fields
 * only, so it neither undoes the new choices nor brings back a district they dropped.
 */
class SubscriptionDeviceFieldsIT {
    private static final String ENDPOINT = "arn:aws:sns:eu-north-1:000000000000:endpoint/GCM/nabolag-android/e1";
    private static SubscriptionStore store;
    private final String deviceId = UUID.randomUUID().toString().replace("-", "");

    @BeforeAll
    static void startStack() {
        LocalStack stack = LocalStack.shared();
        store = new DynamoDbSubscriptionStore(stack.dynamoDb(), stack.tableName("SubscriptionsTable"));
    }

    private SubscriptionItem item(String district, List<String> categories, Map<String, List<String>> choices,
                                  String endpointArn, QuietHours quietHours) {
        return new SubscriptionItem(deviceId, district, "oslo", null, new TreeSet<>(categories), choices,
                district + "#03", "android", endpointArn, "nb", "Europe/Oslo", quietHours, true);
    }

    @Test
    void copyingTheDevicesFieldsKeepsChoicesWrittenSinceItReadTheItems() {
        // Arrange: the device follows frogner and sagene (youth); the endpoint worker reads these items...
        Map<String, List<String>> before = Map.of("frogner", List.of("youth"), "sagene", List.of("youth"));
        store.putAll(List.of(item("frogner", List.of("youth"), before, null, null),
                item("sagene", List.of("youth"), before, null, null)));
        List<SubscriptionItem> readByTheWorker = store.findByDevice(deviceId);
        // ...while the resident drops frogner and chooses seniors in sagene
        Map<String, List<String>> after = Map.of("sagene", List.of("seniors"));
        store.putAll(List.of(item("sagene", List.of("seniors"), after, null, null)));
        store.deleteAll(deviceId, List.of("frogner"));

        // Act: the worker copies the new endpoint into the items it read
        store.copyDeviceFields(readByTheWorker.stream().map(read -> item(read.districtId(),
                List.copyOf(read.categories()), read.choices(), ENDPOINT, new QuietHours("22:00", "07:00"))).toList());

        // Assert
        assertThat(store.findByDevice(deviceId)).singleElement().satisfies(sagene -> {
            assertThat(sagene.districtId()).isEqualTo("sagene");
            assertThat(sagene.categories()).containsExactly("seniors");
            assertThat(sagene.choices()).isEqualTo(after);
            assertThat(sagene.endpointArn()).isEqualTo(ENDPOINT);
            assertThat(sagene.quietHours()).isEqualTo(new QuietHours("22:00", "07:00"));
        });
    }

    @Test
    void aFieldTheDeviceNoLongerHasIsRemovedFromItsItems() {
        Map<String, List<String>> choices = Map.of("alna", List.of("culture"));
        store.putAll(List.of(item("alna", List.of("culture"), choices, ENDPOINT, new QuietHours("23:00", "06:00"))));

        store.copyDeviceFields(List.of(item("alna", List.of("culture"), choices, ENDPOINT, null)));

        assertThat(store.findByDevice(deviceId)).singleElement()
                .satisfies(alna -> assertThat(alna.quietHours()).isNull());
    }
}
