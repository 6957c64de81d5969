package no.nabolag.core.feed;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads a district's feed entries, newest first (core.post.FeedStore writes them). */
public interface FeedReader {
    /**
     * Up to {@code limit} visible entries of the district older than {@code beforeKey} (all when null) in one of the
     * categories (all when null), newest first, with how far the read got.
     */
    Slice read(String districtId, String beforeKey, Set<String> categories, int limit, Instant now);

    /**
     * @param entries   the matching entries found, newest first
     * @param exhausted true when the district has no older entries than those read
     * @param readUpTo  the oldest key examined (matching or not); when not exhausted, every matching entry newer than
     *                  this key is in {@code entries}
     */
    record Slice(List<FeedEntry> entries, boolean exhausted, String readUpTo) {
        public Slice {
            entries = List.copyOf(entries);
        }
    }
}
