package no.nabolag.console.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import no.nabolag.console.auth.Member;
import org.junit.jupiter.api.Test;

class AccessTest {
    private final Access editor = new Access(new Member("e", "Frida", Set.of(), Set.of("frogner")));
    private final Access admin = new Access(new Member("a", "Oda", Set.of("oslo"), Set.of()));

    @Test
    void anEditorSeesWhatTouchesTheirDistrictAndActsOnlyWithinIt() {
        assertThat(editor.canSee("oslo", List.of("frogner"))).isTrue();
        assertThat(editor.canSee("oslo", List.of("ullern", "frogner"))).isTrue();
        assertThat(editor.canSee("oslo", List.of("ullern"))).isFalse();
        assertThat(editor.canActOn("oslo", List.of("frogner"))).isTrue();
        assertThat(editor.canActOn("oslo", List.of("frogner", "ullern"))).isFalse();
        assertThat(editor.canActOn("oslo", List.of())).isFalse();
        assertThat(editor.canManageCatalog("oslo")).isFalse();
    }

    @Test
    void aTenantAdministratorHasTheWholeTenantAndNoOther() {
        assertThat(admin.canSee("oslo", List.of("ullern"))).isTrue();
        assertThat(admin.canActOn("oslo", List.of("frogner", "ullern"))).isTrue();
        assertThat(admin.canManageCatalog("oslo")).isTrue();
        assertThat(admin.canSee("bergen", List.of("arna"))).isFalse();
        assertThat(admin.canManageCatalog("bergen")).isFalse();
    }
}
