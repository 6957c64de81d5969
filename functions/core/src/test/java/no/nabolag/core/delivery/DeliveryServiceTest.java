package no.nabolag.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.metrics.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final LongSupplier PLENTY = () -> 300_000;

    private final Fakes.Audience audience = new Fakes.Audience();
    private final Fakes.Ledger ledger = new Fakes.Ledger();
    private final Fakes.Posts posts = new Fakes.Posts();
    private final Fakes.FiguresStore figures = new Fakes.FiguresStore();
    private final Fakes.Gateway gateway = new Fakes.Gateway();
    private final Fakes.Queue queue = new Fakes.Queue();
    private final Fakes.Deactivator deactivator = new Fakes.Deactivator();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private DeliveryService service;

    @BeforeEach
    void setUp() {
        service = service(clock);
        posts.posts.put("p1", post("p1", List.of("frogner"), List.of("youth"), false));
    }

    private DeliveryService service(Clock clock) {
        return service(clock, Duration.ZERO);
    }

    private DeliveryService service(Clock clock, Duration timeSlice) {
        PushDispatcher dispatcher = new PushDispatcher(gateway, TokenBucket.unlimited(), 8,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 10, d -> { }));
        return new DeliveryService(audience, ledger, posts, figures, dispatcher, TokenBucket::unlimited, deactivator,
                queue, clock, new Metrics("delivery", clock, new PrintStream(new ByteArrayOutputStream())),
                new DeliveryService.Options(3, Duration.ofMinutes(2), Duration.ofSeconds(10), timeSlice, 4));
    }

    static DeliveryPost post(String id, List<String> districts, List<String> categories, boolean urgent) {
        return new DeliveryPost(id, "PUBLISHED", districts, categories, "Tittel", "Tekst", null, null, urgent, null);
    }

    private AudienceMember device(String deviceId, String district, Map<String, List<String>> choices, boolean active,
                                  QuietHours quiet) {
        AudienceMember member = new AudienceMember(deviceId, district, "android", "arn:" + deviceId, "nb", "UTC",
                Optional.ofNullable(quiet), active, Set.copyOf(choices.getOrDefault(district, List.of())), choices);
        audience.add(district + "#00", member);
        return member;
    }

    private void devices(int count, String district, String category) {
        for (int i = 0; i < count; i++) {
            device(String.format("dev%03d", i), district, Map.of(district, List.of(category)), true, null);
        }
    }

    private List<String> pushedDevices() {
        return gateway.sent.stream().map(PushMessage::deviceId).sorted().toList();
    }

    @Test
    void pushesEveryMatchingActiveDeviceOfTheShardOnceAndRecordsEachPage() {
        devices(7, "frogner", "youth");
        device("other", "frogner", Map.of("frogner", List.of("seniors")), true, null);
        device("asleep", "frogner", Map.of("frogner", List.of("youth")), false, null);

        DeliveryService.Result result = service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(result).isEqualTo(DeliveryService.Result.COMPLETED);
        assertThat(pushedDevices()).containsExactly("dev000", "dev001", "dev002", "dev003", "dev004", "dev005", "dev006");
        assertThat(ledger.lastPage("PROGRESS#p1#frogner#00")).get().extracting(DeliveryLedger.PageRecord::last)
                .isEqualTo(true);
        assertThat(figures.of("p1")).isEqualTo(new Figures(7, 7, 0, 0, 0));
    }

    @Test
    void aRedeliveredMessageOfAFinishedShardPushesNothing() {
        devices(5, "frogner", "youth");
        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(gateway.sent).hasSize(5);
    }

    @Test
    void aRedeliveredMessageResumesAfterTheLastFinishedPage() {
        devices(8, "frogner", "youth");
        ledger.recordPage("PROGRESS#p1#frogner#00", new DeliveryLedger.PageRecord(0,
                Map.of("deviceId", "dev002", "audienceShard", "frogner#00")), Figures.ZERO);

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("dev003", "dev004", "dev005", "dev006", "dev007");
    }

    @Test
    void aPageWithAServerErrorIsRetriedForTheUnsentDevicesOnlyAndCountsEachDeviceOnce() {
        devices(3, "frogner", "youth");
        AtomicInteger failures = new AtomicInteger();
        gateway.script = m -> m.deviceId().equals("dev001") && failures.getAndIncrement() == 0
                ? PushOutcome.UNAVAILABLE : PushOutcome.SENT;

        assertThatThrownBy(() -> service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY))
                .isInstanceOf(DeliveryFailedException.class);
        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("dev000", "dev001", "dev002");
        assertThat(figures.of("p1")).isEqualTo(new Figures(3, 3, 0, 0, 0));
    }

    @Test
    void aPushSnsRefusesForGoodCountsItsDeviceFailedAndThePageGoesOn() {
        devices(7, "frogner", "youth");
        gateway.script = m -> m.deviceId().equals("dev001") ? PushOutcome.FAILED : PushOutcome.SENT;

        DeliveryService.Result result = service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(result).isEqualTo(DeliveryService.Result.COMPLETED);
        assertThat(pushedDevices()).containsExactly("dev000", "dev002", "dev003", "dev004", "dev005", "dev006");
        assertThat(gateway.calls).as("the refused push is not retried").isEqualTo(7);
        assertThat(figures.of("p1")).isEqualTo(new Figures(7, 6, 1, 0, 0));
    }

    @Test
    void aDeviceWhoseEndpointIsStillBeingCreatedIsSkipped() {
        devices(2, "frogner", "youth");
        audience.add("frogner#00", new AudienceMember("pending", "frogner", "ios", null, "nb", "UTC",
                Optional.empty(), true, Set.of("youth"), Map.of("frogner", List.of("youth"))));

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("dev000", "dev001");
        assertThat(figures.of("p1").matched()).isEqualTo(2);
    }

    @Test
    void throttledPushesAreRetriedUntilAllAreDeliveredExactlyOnce() {
        devices(9, "frogner", "youth");
        AtomicInteger throttles = new AtomicInteger(7);
        gateway.script = m -> throttles.getAndDecrement() > 0 ? PushOutcome.THROTTLED : PushOutcome.SENT;

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).hasSize(9).doesNotHaveDuplicates();
        assertThat(gateway.calls).isEqualTo(16);
    }

    @Test
    void aDisabledEndpointMarksTheDeviceInactiveAndIsNotRetried() {
        devices(3, "frogner", "youth");
        gateway.script = m -> m.deviceId().equals("dev001") ? PushOutcome.DISABLED : PushOutcome.SENT;

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(deactivator.deactivated).containsExactly("dev001");
        assertThat(gateway.calls).isEqualTo(3);
        assertThat(figures.of("p1")).isEqualTo(new Figures(3, 2, 0, 1, 0));
    }

    @Test
    void aDeviceInItsQuietHoursIsDeferredToTheEndOfThemAndPushedOnceThen() {
        device("night", "frogner", Map.of("frogner", List.of("youth")), true,
                new QuietHours(LocalTime.of(11, 0), LocalTime.of(13, 30)));
        device("day", "frogner", Map.of("frogner", List.of("youth")), true,
                new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("day");
        assertThat(ledger.deferredMinutes()).containsExactly("2026-11-28T13:30");
        assertThat(figures.of("p1")).isEqualTo(new Figures(2, 1, 0, 0, 1));

        // Act: the scheduler hands the minute over once it has passed, twice (overlapping runs)
        Clock later = Clock.fixed(Instant.parse("2026-11-28T13:32:00Z"), ZoneOffset.UTC);
        DeferralRelease release = new DeferralRelease(ledger, queue, later);
        assertThat(release.release()).extracting(DeliveryTask::minute).containsExactly("2026-11-28T13:30");
        DeliveryService afterwards = service(later);
        queue.sent.forEach(task -> afterwards.run(task, PLENTY));
        queue.sent.forEach(task -> afterwards.run(task, PLENTY));

        assertThat(pushedDevices()).containsExactly("day", "night");
        assertThat(release.release()).isEmpty();
        assertThat(figures.of("p1")).as("the deferred push moved from deferred to sent")
                .isEqualTo(new Figures(2, 2, 0, 0, 0));
        assertThat(figures.parts.get("p1")).containsKeys("frogner#00",
                Deferral.partition("2026-11-28T13:30", Deferral.shardOf("night", 4)));
    }

    @Test
    void anUrgentPostIgnoresQuietHours() {
        posts.posts.put("p1", post("p1", List.of("frogner"), List.of("youth"), true));
        device("night", "frogner", Map.of("frogner", List.of("youth")), true,
                new QuietHours(LocalTime.of(11, 0), LocalTime.of(13, 30)));

        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("night");
    }

    @Test
    void whenTimeRunsLowTheRestContinuesInAMessageOfItsOwn() {
        devices(8, "frogner", "youth");
        LongSupplier shortOfTime = () -> 1_000; // the first page always runs

        DeliveryService.Result result = service.run(DeliveryTask.shard("p1", "frogner", 0), shortOfTime);

        assertThat(result).isEqualTo(DeliveryService.Result.CONTINUED);
        assertThat(queue.sent).hasSize(1);
        DeliveryTask continuation = queue.sent.get(0);
        assertThat(continuation.page()).isEqualTo(1);
        assertThat(continuation.startKey()).containsEntry("deviceId", "dev002");

        service.run(DeliveryTask.parse(continuation.toJson()), PLENTY);

        assertThat(pushedDevices()).hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    void aCopyOfAMessageWhoseShardIsLeasedPushesNothing() {
        devices(3, "frogner", "youth");
        ledger.acquireLease("PROGRESS#p1#frogner#00", "someone-else", NOW, Duration.ofMinutes(2));

        DeliveryService.Result result = service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(result).isEqualTo(DeliveryService.Result.SKIPPED);
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void aWithdrawnPostStopsDelivery() {
        devices(3, "frogner", "youth");
        posts.posts.put("p1", new DeliveryPost("p1", "WITHDRAWN", List.of("frogner"), List.of("youth"), "T", "B",
                null, null, false, null));

        assertThat(service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY)).isEqualTo(DeliveryService.Result.STOPPED);
        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void aDeviceFollowingBothDistrictsOfAPostGetsItOnce() {
        posts.posts.put("p2", post("p2", List.of("sagene", "frogner"), List.of("youth"), false));
        Map<String, List<String>> both = Map.of("sagene", List.of("youth"), "frogner", List.of("youth"));
        device("both", "sagene", both, true, null);
        device("both", "frogner", both, true, null);

        service.run(DeliveryTask.shard("p2", "sagene", 0), PLENTY);
        service.run(DeliveryTask.shard("p2", "frogner", 0), PLENTY);

        assertThat(pushedDevices()).containsExactly("both");
    }

    @Test
    void aMinutesDeferralsAreSpreadOverShardsAndReleasedByOneTaskPerShard() {
        for (int i = 0; i < 40; i++) {
            device(String.format("night%02d", i), "frogner", Map.of("frogner", List.of("youth")), true,
                    new QuietHours(LocalTime.of(11, 0), LocalTime.of(13, 30)));
        }
        service.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);
        assertThat(gateway.sent).isEmpty();

        Clock later = Clock.fixed(Instant.parse("2026-11-28T13:31:00Z"), ZoneOffset.UTC);
        List<DeliveryTask> tasks = new DeferralRelease(ledger, queue, later).release();
        DeliveryService afterwards = service(later);
        tasks.forEach(task -> afterwards.run(task, PLENTY));

        assertThat(tasks).extracting(DeliveryTask::shard).containsExactly(0, 1, 2, 3);
        assertThat(ledger.deferrals).hasSize(4);
        assertThat(pushedDevices()).hasSize(40).doesNotHaveDuplicates();
        assertThat(figures.of("p1")).isEqualTo(new Figures(40, 40, 0, 0, 0));
    }

    @Test
    void afterItsTimeSliceARunContinuesAtTheBackOfTheQueue() {
        devices(8, "frogner", "youth");
        DeliveryService slicing = service(clock, Duration.ofNanos(1));

        DeliveryService.Result result = slicing.run(DeliveryTask.shard("p1", "frogner", 0), PLENTY);

        assertThat(result).isEqualTo(DeliveryService.Result.CONTINUED);
        assertThat(gateway.sent).hasSize(3);
        assertThat(queue.sent).singleElement().satisfies(next -> assertThat(next.page()).isEqualTo(1));
    }

    @Test
    void aTaskCompletedAfterItsTimeSliceSendsTheChainsNextTaskAndTheLastSendsNone() {
        posts.posts.put("p3", post("p3", List.of("frogner", "sagene"), List.of("youth"), false));
        DeliveryService slicing = service(clock, Duration.ofNanos(1));

        // Tasks 0..3 are frogner#00, frogner#01, sagene#00, sagene#01; a stride of 3 chains task 0 to task 3.
        slicing.run(DeliveryTask.chained("p3", "frogner", 0, 2, 3).forTenant("oslo"), PLENTY);
        slicing.run(DeliveryTask.chained("p3", "sagene", 1, 2, 3).forTenant("oslo"), PLENTY);

        assertThat(queue.sent).containsExactly(DeliveryTask.chained("p3", "sagene", 1, 2, 3).forTenant("oslo"));
    }

    @Test
    void withinItsTimeSliceARunWorksItsChainOnInsteadOfQueueingTheNextTask() {
        posts.posts.put("p3", post("p3", List.of("frogner", "sagene"), List.of("youth"), false));
        devices(2, "frogner", "youth");
        for (String id : List.of("sag1", "sag2")) {
            AudienceMember member = new AudienceMember(id, "sagene", "ios", "arn:" + id, "nb", "UTC",
                    Optional.empty(), true, Set.of("youth"), Map.of("sagene", List.of("youth")));
            audience.add("sagene#01", member);
        }

        // One chain over frogner#00, frogner#01, sagene#00 and sagene#01 (stride 1), no slice limit
        DeliveryService.Result result = service.run(DeliveryTask.chained("p3", "frogner", 0, 2, 1), PLENTY);

        assertThat(result).isEqualTo(DeliveryService.Result.COMPLETED);
        assertThat(queue.sent).as("no queue round trip between the shards of a turn").isEmpty();
        assertThat(pushedDevices()).containsExactly("dev000", "dev001", "sag1", "sag2");
        assertThat(List.of("frogner#00", "frogner#01", "sagene#00", "sagene#01")).allSatisfy(shard ->
                assertThat(ledger.lastPage("PROGRESS#p3#" + shard)).get()
                        .extracting(DeliveryLedger.PageRecord::last).isEqualTo(true));
    }

    @Test
    void aChainWorkedOnMidwayKeepsItsTenantWhenItGoesBackToTheQueue() {
        posts.posts.put("p3", post("p3", List.of("frogner"), List.of("youth"), false));
        devices(8, "frogner", "youth");
        DeliveryService slicing = service(clock, Duration.ofNanos(1));

        slicing.run(DeliveryTask.chained("p3", "frogner", 0, 2, 1).forTenant("baerum"), PLENTY);

        assertThat(queue.sent).singleElement().satisfies(next -> {
            assertThat(next.page()).isEqualTo(1);
            assertThat(next.messageGroup()).isEqualTo("baerum");
        });
    }

    @Test
    void aWithdrawnPostEndsItsChain() {
        posts.posts.put("p1", new DeliveryPost("p1", "WITHDRAWN", List.of("frogner"), List.of("youth"), "T", "B",
                null, null, false, null));

        service.run(DeliveryTask.chained("p1", "frogner", 0, 4, 2), PLENTY);

        assertThat(queue.sent).isEmpty();
    }
}
