package no.nabolag.local.resident;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import no.nabolag.core.json.Json;

/** A small HTTP client for the resident API of the local stack, as the app would call it. */
final class ResidentHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ResidentHttp(URI base) {
        this.base = base;
    }

    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return Json.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** A registered device as the app keeps it. */
    record Device(String deviceId, String secret, String token) {
        String bearer() {
            return "Bearer " + secret;
        }
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply get(String path, String authorization) {
        return send("GET", path, null, authorization);
    }

    Reply send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random token of the platform's shape: 64 hex characters for APNs, an FCM-like one for Android. */
    static String token(String platform) {
        if (platform.equals("ios")) {
            byte[] bytes = new byte[32];
            new java.security.SecureRandom().nextBytes(bytes);
            return java.util.HexFormat.of().formatHex(bytes);
        }
        return "it-token-" + java.util.UUID.randomUUID();
    }

    /** Registers a new device with a fresh random token (its endpoint follows; see {@link Endpoints}). */
    Device register(String platform, String locale) {
        return register(platform, locale, token(platform));
    }

    Device register(String platform, String locale, String token) {
        Reply reply = send("POST", "/v1/devices", Json.write(java.util.Map.of("platform", platform, "pushToken", token,
                "locale", locale)), null);
        if (reply.status() != 201) {
            throw new AssertionError("register failed: " + reply.status() + " " + reply.body());
        }
        return new Device(reply.json().get("deviceId").asText(), reply.json().get("deviceSecret").asText(), token);
    }

    Reply subscribe(Device device, String json) {
        return send("PUT", "/v1/devices/" + device.deviceId() + "/subscriptions", json, device.bearer());
    }
}
