package no.nabolag.core.delivery;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The title and body a phone shows for a post, shortened where a push payload's byte limit demands it: the title stays
 * whole where possible, the body is cut at a word boundary and ends with an ellipsis. The app opens the whole post from
 * the post id in the payload, so nothing is lost. {@link PushPayloads} fits every push with it and the console's
 * preview shows the same result ({@link PushPayloads#preview}).
 *
 * @param shortened whether the title or the body was cut
 */
public record NotificationText(String title, String body, boolean shortened) {
    public static final String ELLIPSIS = "…";
    /** A cut goes back to the last word boundary only if that keeps at least this share of the text allowed. */
    private static final double WORD_BOUNDARY_SHARE = 0.8;

    public NotificationText {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
    }

    public static NotificationText whole(String title, String body) {
        return new NotificationText(title, body, false);
    }

    /**
     * The longest version of the text whose payload fits: the whole text if it fits; else the whole title with the
     * body shortened as little as needed; else an empty body and the title shortened. {@code payloadBytes} must grow
     * (weakly) with the text, which any payload that contains the text does.
     *
     * @param payloadBytes the size in bytes of the payload that a candidate text makes
     * @param limit        the most bytes the payload may have
     * @return the text to send; when not even an empty text fits, an empty text (the push then fails as too long)
     */
    public static NotificationText fit(String title, String body, ToIntFunction<NotificationText> payloadBytes,
                                       int limit) {
        NotificationText whole = whole(title, body);
        if (payloadBytes.applyAsInt(whole) <= limit) {
            return whole;
        }
        String safeTitle = whole.title();
        String safeBody = whole.body();
        NotificationText withoutBody = new NotificationText(safeTitle, "", true);
        if (payloadBytes.applyAsInt(withoutBody) <= limit) {
            int keep = longestFitting(safeBody, k -> new NotificationText(safeTitle, shorten(safeBody, k), true),
                    payloadBytes, limit);
            return keep < 0 ? withoutBody : new NotificationText(safeTitle, shorten(safeBody, keep), true);
        }
        int keep = longestFitting(safeTitle, k -> new NotificationText(shorten(safeTitle, k), "", true),
                payloadBytes, limit);
        return keep < 0 ? new NotificationText("", "", true) : new NotificationText(shorten(safeTitle, keep), "", true);
    }

    /** The largest k in [0, length) whose candidate fits, or -1 (sizes grow with k: binary search). */
    private static int longestFitting(String text, java.util.function.IntFunction<NotificationText> candidate,
                                      ToIntFunction<NotificationText> payloadBytes, int limit) {
        int low = 0;
        int high = text.codePointCount(0, text.length()) - 1;
        int best = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (payloadBytes.applyAsInt(candidate.apply(middle)) <= limit) {
                best = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return best;
    }

    /**
     * At most {@code keep} code points of the text followed by an ellipsis, cut at the last word boundary when that
     * keeps most of it (text without spaces, such as Japanese, is cut between characters), never inside a character
     * (a surrogate pair or a letter with its combining marks). The whole text when it has at most {@code keep}.
     */
    public static String shorten(String text, int keep) {
        if (text.codePointCount(0, text.length()) <= keep) {
            return text;
        }
        int cut = text.offsetByCodePoints(0, Math.max(0, keep));
        BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
        characters.setText(text);
        if (!characters.isBoundary(cut)) {
            cut = Math.max(0, characters.preceding(cut));
        }
        int word = cut;
        while (word > 0 && !Character.isWhitespace(text.charAt(word))
                && !Character.isWhitespace(text.charAt(word - 1))) {
            word--;
        }
        if (word > 0 && word >= cut * WORD_BOUNDARY_SHARE) {
            cut = word;
        }
        String kept = text.substring(0, cut).stripTrailing();
        // A dangling comma or colon before the ellipsis reads badly.
        while (!kept.isEmpty() && ",;:-–".indexOf(kept.charAt(kept.length() - 1)) >= 0) {
            kept = kept.substring(0, kept.length() - 1).stripTrailing();
        }
        return kept + ELLIPSIS;
    }
}
