package no.nabolag.publisher;

import java.util.ArrayList;
import java.util.List;

/** Other spellings of a base64url string that the JDK decoder reads as the same bytes (or nearly). */
final class Spellings {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private Spellings() {
    }

    /** Spare bits of the last character flipped, '=' padding, and the standard alphabet ('+', '/') where it differs. */
    static List<String> of(String canonical) {
        List<String> variants = new ArrayList<>();
        int spareBits = switch (canonical.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        int last = ALPHABET.indexOf(canonical.charAt(canonical.length() - 1));
        for (int flip = 1; flip < (1 << spareBits); flip++) {
            variants.add(canonical.substring(0, canonical.length() - 1) + ALPHABET.charAt(last ^ flip));
        }
        String padding = "=".repeat((4 - canonical.length() % 4) % 4);
        variants.add(canonical + (padding.isEmpty() ? "====" : padding));
        String standard = canonical.replace('-', '+').replace('_', '/');
        if (!standard.equals(canonical)) {
            variants.add(standard);
        }
        return variants;
    }
}
