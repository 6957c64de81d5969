package no.nabolag.console.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import no.nabolag.lambda.http.web.FormData;

/**
 * The form of a POST (application/x-www-form-urlencoded), parsed once with core's FormData (the parser the publisher
 * form uses) from the API Gateway event's body, and kept on the request for the CSRF filter and the route.
 * Repeated fields (district and category checkboxes) keep every value.
 */
public final class FormBodies {
    private static final String ATTRIBUTE = "nabolag.console.form";

    private FormBodies() {
    }

    public static FormData of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, FormData.class).orElseGet(() -> {
            FormData form = FormData.parse(raw(request));
            request.setAttribute(ATTRIBUTE, form);
            return form;
        });
    }

    static String raw(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event && event.getBody() != null) {
            return event.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8) : event.getBody();
        }
        return "";
    }
}
