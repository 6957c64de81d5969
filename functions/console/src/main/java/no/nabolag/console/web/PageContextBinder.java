package no.nabolag.console.web;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;
import no.nabolag.console.access.Access;
import no.nabolag.console.auth.Member;
import no.nabolag.console.security.CognitoMembers;
import no.nabolag.lambda.http.web.FormData;

/** Binds a route's {@link PageContext} parameter from the validated session. */
@Singleton
public final class PageContextBinder implements TypedRequestArgumentBinder<PageContext> {
    private final Pages pages;

    public PageContextBinder(Pages pages) {
        this.pages = pages;
    }

    @Override
    public Argument<PageContext> argumentType() {
        return Argument.of(PageContext.class);
    }

    @Override
    public BindingResult<PageContext> bind(ArgumentConversionContext<PageContext> context, HttpRequest<?> request) {
        Optional<PageContext> page = request.getUserPrincipal(Authentication.class).map(auth -> {
            Member member = member(auth);
            String lang = pages.language(request);
            FormData form = request.getMethod() == HttpMethod.POST ? FormBodies.of(request) : FormData.parse("");
            return new PageContext(request, member, new Access(member), lang, pages.messages().of(lang),
                    String.valueOf(auth.getAttributes().getOrDefault(CognitoMembers.CSRF, "")), form);
        });
        return () -> page;
    }

    /** The member a session names: its subject, display name and roles (their Cognito groups). */
    public static Member member(Authentication authentication) {
        Object name = authentication.getAttributes().get(CognitoMembers.NAME);
        return Member.fromGroups(authentication.getName(), name == null ? "" : name.toString(),
                authentication.getRoles());
    }
}
