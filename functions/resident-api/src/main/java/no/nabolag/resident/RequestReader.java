package no.nabolag.resident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import no.nabolag.core.device.DeviceService;
import no.nabolag.core.device.Platform;
import no.nabolag.core.device.PushTokens;
import no.nabolag.core.device.QuietHours;
import no.nabolag.core.error.FieldError;
import no.nabolag.core.json.Json;
import no.nabolag.core.subscription.SubscriptionChoice;
import no.nabolag.core.subscription.SubscriptionService;
import no.nabolag.core.subscription.Subscriptions;
import no.nabolag.lambda.http.web.Problem;

/**
 * Reads and validates request bodies into commands. Every problem of a body is collected and reported at once as a
 * 400 validation problem naming each field; nothing is changed when a body is invalid.
 */
final class RequestReader {
    static final Set<String> LOCALES = Set.of("nb", "nn", "en");
    static final String DEFAULT_TIME_ZONE = "Europe/Oslo";
    static final int MAX_TOKEN = PushTokens.MAX_LENGTH;
    static final int MAX_ID = 100;
    private final List<FieldError> errors = new ArrayList<>();

    /** appId null: the deployment's default app. */
    record Registration(String appId, Platform platform, String pushToken, String locale, String timeZone) {
    }

    static Registration registration(String body) {
        RequestReader r = new RequestReader();
        ObjectNode json = object(body);
        String platform = r.string(json, "platform", true, 20);
        Platform parsed = null;
        if (platform != null) {
            parsed = Platform.parse(platform).orElse(null);
            if (parsed == null) {
                r.error("platform", "must be 'ios' or 'android'");
            }
        }
        String token = r.string(json, "pushToken", true, MAX_TOKEN);
        if (parsed != null && token != null) {
            token = PushTokens.normalize(parsed, token);
            PushTokens.problem(parsed, token).ifPresent(problem -> r.error("pushToken", problem));
        }
        String locale = r.locale(json, true);
        String timeZone = r.timeZone(json);
        String appId = r.string(json, "appId", false, MAX_ID);
        r.done();
        return new Registration(appId, parsed, token, locale, timeZone == null ? DEFAULT_TIME_ZONE : timeZone);
    }

    static DeviceService.Changes changes(String body) {
        RequestReader r = new RequestReader();
        ObjectNode json = object(body);
        String token = r.string(json, "pushToken", false, MAX_TOKEN);
        String locale = r.locale(json, false);
        String timeZone = r.timeZone(json);
        r.done();
        return new DeviceService.Changes(token, locale, timeZone);
    }

    static Subscriptions subscriptions(String body) {
        RequestReader r = new RequestReader();
        ObjectNode json = object(body);
        List<SubscriptionChoice> choices = new ArrayList<>();
        JsonNode list = json.get("subscriptions");
        if (list == null || list.isNull()) {
            r.error("subscriptions", "is required (an array; [] follows nothing)");
        } else if (!list.isArray()) {
            r.error("subscriptions", "must be an array");
        } else if (list.size() > SubscriptionService.MAX_DISTRICTS) {
            r.error("subscriptions", "at most " + SubscriptionService.MAX_DISTRICTS + " districts can be followed");
        } else {
            for (int i = 0; i < list.size(); i++) {
                String field = "subscriptions[" + i + "]";
                JsonNode item = list.get(i);
                if (!item.isObject()) {
                    r.error(field, "must be an object {districtId, categories}");
                    continue;
                }
                String districtId = r.string((ObjectNode) item, "districtId", true, MAX_ID, field + ".");
                JsonNode categories = item.get("categories");
                List<String> ids = new ArrayList<>();
                if (categories == null || categories.isNull()) {
                    r.error(field + ".categories", "is required (an array of category ids)");
                } else if (!categories.isArray()) {
                    r.error(field + ".categories", "must be an array of category ids");
                } else if (categories.size() > SubscriptionService.MAX_CATEGORIES) {
                    r.error(field + ".categories", "at most " + SubscriptionService.MAX_CATEGORIES + " categories");
                } else {
                    for (int c = 0; c < categories.size(); c++) {
                        JsonNode id = categories.get(c);
                        if (!id.isTextual() || id.asText().isBlank()) {
                            r.error(field + ".categories[" + c + "]", "must be a category id (a string)");
                        } else if (id.asText().length() > MAX_ID) {
                            r.error(field + ".categories[" + c + "]", "must be at most " + MAX_ID + " characters");
                        } else if (ids.contains(id.asText())) {
                            r.error(field + ".categories[" + c + "]", "is listed more than once");
                        } else {
                            ids.add(id.asText());
                        }
                    }
                }
                if (districtId != null) {
                    choices.add(new SubscriptionChoice(districtId, ids));
                }
            }
        }
        QuietHours quietHours = null;
        JsonNode quiet = json.get("quietHours");
        if (quiet != null && !quiet.isNull()) {
            if (!quiet.isObject()) {
                r.error("quietHours", "must be an object {start, end} or null");
            } else {
                String start = r.string((ObjectNode) quiet, "start", true, 5, "quietHours.");
                String end = r.string((ObjectNode) quiet, "end", true, 5, "quietHours.");
                if (start != null && end != null) {
                    quietHours = new QuietHours(start, end);
                    r.errors.addAll(SubscriptionService.validateQuietHours(quietHours, "quietHours"));
                }
            }
        }
        r.done();
        return new Subscriptions(choices, quietHours);
    }

    /** The body as a JSON object, or a 400 that says where the JSON is malformed. */
    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw Problem.badRequest("The request needs a JSON object body").exception();
        }
        JsonNode node;
        try {
            node = Json.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw Problem.badRequest("The body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")).exception();
        }
        if (node == null || !node.isObject()) {
            throw Problem.badRequest("The body must be a JSON object").exception();
        }
        return (ObjectNode) node;
    }

    private String string(ObjectNode json, String name, boolean required, int maxLength) {
        return string(json, name, required, maxLength, "");
    }

    private String string(ObjectNode json, String name, boolean required, int maxLength, String prefix) {
        JsonNode value = json.get(name);
        String field = prefix + name;
        if (value == null || (value.isNull() && required)) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(field, "must be a string");
            return null;
        }
        String text = value.asText();
        if (text.isBlank()) {
            error(field, "must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            error(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    private String locale(ObjectNode json, boolean required) {
        String locale = string(json, "locale", required, 10);
        if (locale != null && !LOCALES.contains(locale)) {
            error("locale", "must be one of " + String.join(", ", LOCALES.stream().sorted().toList()));
            return null;
        }
        return locale;
    }

    private String timeZone(ObjectNode json) {
        String zone = string(json, "timeZone", false, 64);
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            error("timeZone", "must be an IANA time zone such as Europe/Oslo");
            return null;
        }
        return zone;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private void done() {
        if (!errors.isEmpty()) {
            throw Problem.validation(errors).exception();
        }
    }
}
