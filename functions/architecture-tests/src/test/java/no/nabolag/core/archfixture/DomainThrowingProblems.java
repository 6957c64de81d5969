package no.nabolag.core.archfixture;

import no.nabolag.lambda.http.web.Problem;

/** Breaks the layering on purpose: a "domain" class throwing HTTP problems (see LayeringRulesCatchViolationsTest). */
public final class DomainThrowingProblems {
    public void refuse() {
        throw Problem.notFound("No such thing").exception();
    }
}
