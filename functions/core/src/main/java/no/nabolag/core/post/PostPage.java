package no.nabolag.core.post;

import java.util.List;
import java.util.Optional;

/** One page of a tenant's posts in one state, newest first, and where the next page starts (empty on the last). */
public record PostPage(List<Post> posts, Optional<PostPosition> next) {
    public PostPage {
        posts = List.copyOf(posts);
    }
}
