package no.nabolag.local.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import no.nabolag.aws.delivery.DynamoDbPushRateLedger;
import no.nabolag.core.delivery.PushRateLedger;
import no.nabolag.core.delivery.PushRateLedger.Claim;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shared push rate's ledger on the local stack's DynamoDB (dynalite) through the real SDK: conditional claims
 * per tenth of a second, the urgent mark, and many claimers at once never getting more than a slot holds.
 */
class DynamoDbPushRateLedgerIT {
    private static LocalStack stack;
    private static PushRateLedger ledger;
    /** A second of its own per test, far from any second a delivery of the shared stack is counting. */
    private final long second = 4_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);

    @BeforeAll
    static void startStack() {
        stack = LocalStack.shared();
        ledger = new DynamoDbPushRateLedger(stack.dynamoDb(), stack.tableName("DeliveryTable"));
    }

    @Test
    void claimsAreGrantedUntilTheSlotsCapAndCountedPerSlot() {
        assertThat(ledger.claim(new Claim(second, 3, 20, 30, 20, false))).isTrue();
        assertThat(ledger.claim(new Claim(second, 3, 10, 30, 20, false))).isTrue();
        assertThat(ledger.claim(new Claim(second, 3, 1, 30, 20, false))).isFalse();
        assertThat(ledger.claim(new Claim(second, 4, 30, 30, 20, false))).isTrue();

        assertThat(ledger.read(second, 3)).isEqualTo(new PushRateLedger.Slot(30, false));
        assertThat(ledger.read(second, 4)).isEqualTo(new PushRateLedger.Slot(30, false));
        assertThat(ledger.read(second, 5)).isEqualTo(new PushRateLedger.Slot(0, false));
        Map<String, AttributeValue> item = stack.dynamoDb().getItem(g -> g.tableName(stack.tableName("DeliveryTable"))
                .key(Map.of("pk", AttributeValue.fromS("PUSHRATE#" + second), "sk", AttributeValue.fromS("RATE")))
                .consistentRead(true)).item();
        assertThat(Long.parseLong(item.get("ttl").n())).as("expires an hour after its second")
                .isEqualTo(second + 3600);
    }

    @Test
    void inASecondMarkedUrgentOrdinaryClaimsStopAtTheUrgentCapWhileUrgentOnesGoOnToTheCap() {
        ledger.markUrgent(second);

        assertThat(ledger.claim(new Claim(second, 0, 20, 30, 20, false))).isTrue();
        assertThat(ledger.claim(new Claim(second, 0, 1, 30, 20, false))).as("ordinary, past the urgent cap").isFalse();
        assertThat(ledger.claim(new Claim(second, 0, 10, 30, 30, true))).as("urgent, up to the cap").isTrue();
        assertThat(ledger.claim(new Claim(second, 0, 1, 30, 30, true))).as("urgent, past the cap").isFalse();
        assertThat(ledger.claim(new Claim(second, 1, 25, 30, 20, false))).as("more than the urgent cap at once")
                .isFalse();
        assertThat(ledger.read(second, 0)).isEqualTo(new PushRateLedger.Slot(30, true));
    }

    @Test
    void anUrgentClaimMarksItsSecondForTheOrdinaryClaimsAfterIt() {
        assertThat(ledger.claim(new Claim(second, 2, 5, 30, 30, true))).isTrue();

        assertThat(ledger.claim(new Claim(second, 2, 20, 30, 20, false))).isFalse();
        assertThat(ledger.claim(new Claim(second, 2, 15, 30, 20, false))).isTrue();
        assertThat(ledger.read(second, 2)).isEqualTo(new PushRateLedger.Slot(20, true));
    }

    @Test
    void manyClaimersAtOnceNeverGetMoreThanTheSlotHolds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                granted.add(pool.submit(() -> ledger.claim(new Claim(second, 7, 3, 100, 100, false)) ? 3 : 0));
            }
            int total = 0;
            for (Future<Integer> future : granted) {
                total += future.get();
            }

            assertThat(total).isEqualTo(99);
            assertThat(ledger.read(second, 7).count()).isEqualTo(99);
        } finally {
            pool.shutdown();
        }
    }
}
