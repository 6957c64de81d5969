package no.nabolag.publisher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.nabolag.core.post.FormSubmissions;
import no.nabolag.lambda.http.web.FormData;

/** The form's inputs exactly as submitted (line breaks normalised), kept to re-render the form after errors. */
record PostFormInput(
        String title,
        String body,
        List<String> districts,
        List<String> categories,
        String url,
        String publishAt,
        String expiresAt,
        boolean urgent,
        String titleEn,
        String bodyEn) {

    static final PostFormInput EMPTY = new PostFormInput("", "", List.of(), List.of(), "", "", "", false, "", "");

    static PostFormInput from(FormData form) {
        return new PostFormInput(
                clean(form.first("title")),
                cleanText(form.first("body")),
                List.copyOf(form.all("district")),
                List.copyOf(form.all("category")),
                clean(form.first("url")),
                clean(form.first("publishAt")),
                clean(form.first("expiresAt")),
                form.has("urgent") && !form.first("urgent").equalsIgnoreCase("false"),
                clean(form.first("titleEn")),
                cleanText(form.first("bodyEn")));
    }

    /**
     * The fingerprint of what was sent ({@link FormSubmissions}): every field as submitted (after the clean-up
     * above), with the district and category choices as sets. A re-sent form matches its first sending exactly.
     */
    String fingerprint() {
        Map<String, Object> fields = new HashMap<>();
        fields.put("title", title);
        fields.put("body", body);
        fields.put("district", new TreeSet<>(districts));
        fields.put("category", new TreeSet<>(categories));
        fields.put("url", url);
        fields.put("publishAt", publishAt);
        fields.put("expiresAt", expiresAt);
        fields.put("urgent", urgent);
        fields.put("titleEn", titleEn);
        fields.put("bodyEn", bodyEn);
        return FormSubmissions.fingerprint(fields);
    }

    /** One-line fields: trimmed, without control characters. */
    private static String clean(String value) {
        return value.replaceAll("\\p{Cntrl}", " ").strip();
    }

    /** Multi-line text: CRLF and CR become LF; other control characters but tab go; trimmed. */
    private static String cleanText(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[\\p{Cntrl}&&[^\n\t]]", "").strip();
    }
}
