package no.nabolag.console;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.nabolag.console.access.Access;
import no.nabolag.console.web.PageContextBinder;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.DeliveryFigures;
import no.nabolag.core.post.Post;
import no.nabolag.lambda.http.web.Problem;

/**
 * GET /console/api/posts/{postId}/figures with {@code Authorization: Bearer <access token>}, for XHR or scripts. In
 * AWS the HTTP API's JWT authorizer (ConsoleJwt) has already checked the token; Micronaut Security checks it again
 * (signature against the issuer's JWKS, expiry, {@code token_use} access and the app client: TokenRules), so the same
 * code runs locally, where there is no API Gateway. The same access rules as the pages: another district's post is 404.
 */
@Controller("/console/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "nabolag.console.configured", value = "true")
public class FiguresController {
    private final ConsoleServices services;

    public FiguresController(ConsoleServices services) {
        this.services = services;
    }

    @Get("/posts/{postId}/figures")
    @Produces(MediaType.APPLICATION_JSON)
    public MutableHttpResponse<String> figures(Authentication authentication, @PathVariable String postId) {
        Access access = new Access(PageContextBinder.member(authentication));
        Optional<Post> found = services.moderation().find(postId)
                .filter(p -> access.canSee(p.tenantId(), p.districtIds()));
        if (found.isEmpty()) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).contentType("application/problem+json")
                    .body(Json.write(Problem.notFound("No such post")));
        }
        Post post = found.get();
        DeliveryFigures f = post.figures();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("postId", post.postId());
        body.put("status", post.status().name());
        body.put("matched", f.matched());
        body.put("sent", f.sent());
        body.put("failed", f.failed());
        body.put("disabled", f.disabled());
        body.put("deferred", f.deferred());
        body.put("firstPushAt", f.firstPushAt() == null ? null : f.firstPushAt().toString());
        body.put("lastPushAt", f.lastPushAt() == null ? null : f.lastPushAt().toString());
        List<Map<String, Object>> perMinute = new ArrayList<>();
        services.posts().pushesPerMinute(post.postId()).forEach((minute, count) ->
                perMinute.add(Map.of("minute", minute.atOffset(ZoneOffset.UTC).toString(), "sent", count)));
        body.put("pushesPerMinute", perMinute);
        return HttpResponse.ok(Json.write(body)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
