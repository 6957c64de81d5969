package no.nabolag.core.subscription;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Which audience shard a device belongs to. The shard depends on the device alone, so a device has the same
 * shard number in every district it follows, and workers of one district's shards read disjoint slices.
 */
public final class AudienceShard {
    public static final int DEFAULT_SHARDS = 16;

    private AudienceShard() {
    }

    /** The shard number, 0 to shards-1: CRC32 of the device id, stable across JVMs and releases. */
    public static int of(String deviceId, int shards) {
        CRC32 crc = new CRC32();
        crc.update(deviceId.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shards);
    }

    /** The audience index key, e.g. "frogner#07". */
    public static String key(String districtId, int shard) {
        return districtId + "#" + (shard < 10 ? "0" : "") + shard;
    }

    public static String key(String districtId, String deviceId, int shards) {
        return key(districtId, of(deviceId, shards));
    }
}
