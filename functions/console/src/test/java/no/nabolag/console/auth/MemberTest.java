package no.nabolag.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberTest {
    @Test
    void rolesComeFromCognitoGroups() {
        Member member = Member.fromGroups("sub", "Frida", List.of("editor-frogner", "editor-st-hanshaugen",
                "tenant-admin-oslo", "unrelated", "editor-"));

        assertThat(member.adminTenants()).containsExactly("oslo");
        assertThat(member.editorDistricts()).containsExactlyInAnyOrder("frogner", "st-hanshaugen");
        assertThat(member.hasAnyRole()).isTrue();
    }

    @Test
    void noGroupsMeansNoRole() {
        assertThat(Member.fromGroups("sub", "x", null).hasAnyRole()).isFalse();
        assertThat(Member.fromGroups("sub", "x", Arrays.asList("someone-else", null)).hasAnyRole()).isFalse();
    }
}
