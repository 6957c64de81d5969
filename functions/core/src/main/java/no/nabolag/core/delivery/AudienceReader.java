package no.nabolag.core.delivery;

import java.util.List;
import java.util.Map;

/** Reads an audience shard ({@code <districtId>#<NN>}) page by page. */
public interface AudienceReader {
    /** @param startKey the previous page's nextKey, or null for the first page */
    Page page(String audienceShard, Map<String, String> startKey, int limit);

    /** @param nextKey null when this was the last page */
    record Page(List<AudienceMember> members, Map<String, String> nextKey) {
    }
}
