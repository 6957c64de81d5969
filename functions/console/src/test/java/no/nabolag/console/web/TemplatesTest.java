package no.nabolag.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
    private final Templates templates = new Templates();
    private final Messages messages = new Messages();

    private Map<String, Object> scope() {
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", messages.of("nb"));
        scope.put("lang", "nb");
        scope.put("pageTitle", "<i>title</i>");
        scope.put("signedIn", true);
        scope.put("csrf", "token-1");
        scope.put("memberName", "Frida \"F\" <Redaktør>");
        return scope;
    }

    @Test
    void listsRenderOnceAsATableAndTextIsEscaped() {
        Map<String, Object> scope = scope();
        scope.put("organizations", List.of(Map.of("id", "o1", "name", "<script>alert(1)</script>", "kind", "k",
                "districts", "Frogner", "trusted", "Nei", "created", "")));

        String html = templates.render("organizations", scope);

        assertThat(html).contains("<table>", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;i&gt;title&lt;/i&gt;",
                "name=\"csrf\" value=\"token-1\"").doesNotContain("<script>alert(1)", "Ingen organisasjoner");
        assertThat(html.split("<table>").length - 1).isEqualTo(1);
    }

    @Test
    void anEmptyListSaysSo() {
        Map<String, Object> scope = scope();
        scope.put("organizations", List.of());

        assertThat(templates.render("organizations", scope)).contains("Ingen organisasjoner").doesNotContain("<table>");
    }

    @Test
    void pagesHaveNoInlineScriptOrStyle() {
        Map<String, Object> scope = scope();
        scope.put("posts", List.of());
        for (String page : List.of("home", "posts", "moderation", "organizations", "publish", "catalog", "error")) {
            String html = templates.render(page, scope);
            assertThat(html).as(page).doesNotContain("<script>", "style=", "onclick", "<style");
        }
    }
}
