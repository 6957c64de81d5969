package no.nabolag.local.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.nabolag.core.log.JsonLog;

/**
 * Capacity units per DynamoDB partition key per second, as the functions of the local stack consume them, to catch a
 * hot partition before AWS does: one partition serves at most 1,000 write units and 3,000 read units per second, and
 * adaptive capacity cannot split a single partition key value. Crossing either on one key logs a JSON warning (once
 * per key and second); {@link #hottest(int)} lists the peaks of the run ({@code GET /_local/hot-partitions}).
 * Units are approximated from item sizes by {@link PartitionMonitorInterceptor}. One per JVM, like the SDK's global
 * interceptors that feed it.
 */
public final class PartitionMonitor {
    public static final double WRITE_UNITS_PER_PARTITION = 1_000;
    public static final double READ_UNITS_PER_PARTITION = 3_000;
    private static final JsonLog LOG = JsonLog.forClass(PartitionMonitor.class);
    private static final PartitionMonitor SHARED = new PartitionMonitor();

    private final Map<PartitionKey, Counter> counters = new ConcurrentHashMap<>();
    /** The last warnings logged, newest last (at most {@value #KEPT_WARNINGS}). */
    private final java.util.Deque<Map<String, Object>> warnings = new java.util.ArrayDeque<>();
    private static final int KEPT_WARNINGS = 100;

    /** A partition key value of a table, or of one of its global secondary indexes (index null for the table). */
    public record PartitionKey(String table, String index, String key) {
    }

    /** The peaks of one partition key: units in its busiest second for writes and for reads, and when. */
    public record Peak(String table, String index, String key, double peakWriteUnitsPerSecond, Instant peakWriteAt,
                       double peakReadUnitsPerSecond, Instant peakReadAt) {
        /** The share of a partition's capacity the busier of the two peaks used (1.0 = at the limit). */
        public double heat() {
            return Math.max(peakWriteUnitsPerSecond / WRITE_UNITS_PER_PARTITION,
                    peakReadUnitsPerSecond / READ_UNITS_PER_PARTITION);
        }

        /** The second of the busier peak. */
        public Instant at() {
            return peakWriteUnitsPerSecond / WRITE_UNITS_PER_PARTITION >= peakReadUnitsPerSecond / READ_UNITS_PER_PARTITION
                    ? peakWriteAt : peakReadAt;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("table", table);
            if (index != null) {
                json.put("index", index);
            }
            json.put("key", key);
            json.put("peakWriteUnitsPerSecond", round(peakWriteUnitsPerSecond));
            json.put("peakReadUnitsPerSecond", round(peakReadUnitsPerSecond));
            json.put("at", String.valueOf(at()));
            return json;
        }

        private static Object round(double units) {
            return units == Math.rint(units) ? (Object) (long) units : (Object) (Math.round(units * 10) / 10.0);
        }
    }

    public static PartitionMonitor shared() {
        return SHARED;
    }

    public void recordWrite(PartitionKey key, double units) {
        record(key, units, 0, System.currentTimeMillis() / 1000);
    }

    public void recordRead(PartitionKey key, double units) {
        record(key, 0, units, System.currentTimeMillis() / 1000);
    }

    /** Adds units consumed in the given epoch second (package-private for tests with a fixed clock). */
    void record(PartitionKey key, double writeUnits, double readUnits, long second) {
        Counter counter = counters.computeIfAbsent(key, k -> new Counter());
        boolean warnWrite;
        boolean warnRead;
        double write;
        double read;
        synchronized (counter) {
            if (counter.second != second) {
                counter.second = second;
                counter.write = 0;
                counter.read = 0;
                counter.warnedWrite = false;
                counter.warnedRead = false;
            }
            counter.write += writeUnits;
            counter.read += readUnits;
            if (counter.write > counter.peakWrite) {
                counter.peakWrite = counter.write;
                counter.peakWriteSecond = second;
            }
            if (counter.read > counter.peakRead) {
                counter.peakRead = counter.read;
                counter.peakReadSecond = second;
            }
            warnWrite = !counter.warnedWrite && counter.write > WRITE_UNITS_PER_PARTITION;
            warnRead = !counter.warnedRead && counter.read > READ_UNITS_PER_PARTITION;
            counter.warnedWrite |= warnWrite;
            counter.warnedRead |= warnRead;
            write = counter.write;
            read = counter.read;
        }
        if (warnWrite || warnRead) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("table", key.table());
            if (key.index() != null) {
                fields.put("index", key.index());
            }
            fields.put("key", key.key());
            fields.put("second", Instant.ofEpochSecond(second).toString());
            fields.put(warnWrite ? "writeUnitsPerSecond" : "readUnitsPerSecond", warnWrite ? write : read);
            fields.put("limitPerPartition", warnWrite ? WRITE_UNITS_PER_PARTITION : READ_UNITS_PER_PARTITION);
            synchronized (warnings) {
                warnings.addLast(fields);
                if (warnings.size() > KEPT_WARNINGS) {
                    warnings.removeFirst();
                }
            }
            LOG.warn(warnWrite ? "Hot partition: more write units per second on one key than a DynamoDB partition serves"
                    : "Hot partition: more read units per second on one key than a DynamoDB partition serves", fields);
        }
    }

    /** The hottest partition keys of the run, hottest first. */
    public List<Peak> hottest(int limit) {
        List<Peak> peaks = new ArrayList<>();
        counters.forEach((key, counter) -> {
            synchronized (counter) {
                peaks.add(new Peak(key.table(), key.index(), key.key(), counter.peakWrite,
                        counter.peakWrite > 0 ? Instant.ofEpochSecond(counter.peakWriteSecond) : null, counter.peakRead,
                        counter.peakRead > 0 ? Instant.ofEpochSecond(counter.peakReadSecond) : null));
            }
        });
        peaks.sort(Comparator.comparingDouble(Peak::heat).reversed());
        return peaks.subList(0, Math.min(limit, peaks.size()));
    }

    /** The fields of the last warnings logged, oldest first. */
    public List<Map<String, Object>> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** Forgets every count and warning (tests, benchmarks). */
    public void reset() {
        counters.clear();
        synchronized (warnings) {
            warnings.clear();
        }
    }

    private static final class Counter {
        long second;
        double write;
        double read;
        double peakWrite;
        long peakWriteSecond;
        double peakRead;
        long peakReadSecond;
        boolean warnedWrite;
        boolean warnedRead;
    }
}
