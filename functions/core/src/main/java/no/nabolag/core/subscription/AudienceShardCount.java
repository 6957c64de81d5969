package no.nabolag.core.subscription;

/**
 * The number of audience shards subscription items were written with, kept deployment-wide (CatalogTable
 * {@code AUDIENCE}/{@code SHARDS}, docs/data-model.md). Writers record the count they write with before writing;
 * it only ever grows, so readers that read shards {@code 00 .. stored-1} cover every item, whatever the
 * AudienceShards parameter says today: lowering it drops nobody, and each device still has one item per district,
 * so nobody is read twice. A device is re-sharded to the current count by its next write.
 */
public interface AudienceShardCount {
    /** Raises the stored count to {@code shards} if it is lower (never lowers it). */
    void record(int shards);

    /** The stored count; 0 when nothing was recorded yet. */
    int stored();

    /** The shards a reader must read: every one items may have been written to. */
    static int toRead(int configured, int stored) {
        return Math.max(configured, stored);
    }

    /** For functions that only read and delete subscription items (the device sweep): nothing to record. */
    static AudienceShardCount deletesOnly() {
        return new AudienceShardCount() {
            @Override
            public void record(int shards) {
                throw new IllegalStateException("This function only deletes subscription items");
            }

            @Override
            public int stored() {
                return 0;
            }
        };
    }
}
