package no.nabolag.core.post;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** FeedTable in memory: the feed keys per district, as FeedStore's adapter writes them (idempotent by key). */
public final class InMemoryFeedStore implements FeedStore {
    private final Map<String, Set<String>> keysByDistrict = new TreeMap<>();
    private int writes;

    @Override
    public synchronized void addEntries(Post post) {
        writes++;
        post.districtIds().forEach(d -> keysByDistrict.computeIfAbsent(d, k -> new TreeSet<>()).add(FeedStore.feedKey(post)));
    }

    @Override
    public synchronized void removeEntries(Post post) {
        keysByDistrict.values().forEach(keys -> keys.removeIf(k -> k.endsWith("#" + post.postId())));
    }

    /** The feed keys of a district, oldest first. */
    public synchronized List<String> district(String districtId) {
        return List.copyOf(keysByDistrict.getOrDefault(districtId, Set.of()));
    }

    /** How many times entries were written (re-drives write again; the keys stay the same). */
    public synchronized int writes() {
        return writes;
    }
}
