package no.nabolag.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void norwegianIsTheDefaultAndEnglishCanBeChosen() {
        assertThat(Messages.choose(Optional.empty(), Optional.empty(), Optional.empty())).isEqualTo("nb");
        assertThat(Messages.choose(Optional.of("en"), Optional.empty(), Optional.empty())).isEqualTo("en");
        assertThat(Messages.choose(Optional.of("xx"), Optional.empty(), Optional.of("en-GB,en;q=0.8"))).isEqualTo("en");
        assertThat(Messages.choose(Optional.empty(), Optional.empty(), Optional.of("nn-NO,en;q=0.5"))).isEqualTo("nb");
        assertThat(Messages.choose(Optional.empty(), Optional.of("a=b; nabolag_console_lang=en"), Optional.of("nb")))
                .isEqualTo("en");
        assertThat(Messages.choose(Optional.empty(), Optional.empty(), Optional.of("de-DE"))).isEqualTo("nb");
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        Messages messages = new Messages();

        assertThat(messages.of("en").keySet()).isEqualTo(messages.of("nb").keySet());
    }
}
