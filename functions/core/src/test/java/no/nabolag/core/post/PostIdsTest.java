package no.nabolag.core.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostIdsTest {
    @Test
    void theSameFormAlwaysGivesTheSamePostId() {
        assertThat(PostIds.forForm(PostIds.PUBLISHER_FORM, "form-1"))
                .isEqualTo(PostIds.forForm(PostIds.PUBLISHER_FORM, "form-1"))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void differentFormsAndDifferentOriginsGiveDifferentIds() {
        assertThat(PostIds.forForm(PostIds.PUBLISHER_FORM, "form-1"))
                .isNotEqualTo(PostIds.forForm(PostIds.PUBLISHER_FORM, "form-2"))
                .isNotEqualTo(PostIds.forForm(PostIds.CONSOLE, "form-1"));
    }

    @Test
    void theIdIsTheFirstHalfOfTheSha256OfOriginAndFormId() {
        // SHA-256("post\nabc") = a5c1...; the ids of posts already stored must not change with a refactoring
        assertThat(PostIds.forForm("post", "abc")).isEqualTo(sha256Prefix("post\nabc"));
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
