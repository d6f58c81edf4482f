package dev.anvilcheck.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside cannot break a log line or forge a second record. */
class LogEscapeTest {
    @Test
    void aForgedRecordStaysOnTheLineItCameIn() {
        String forged = "echo\nDec 07, 2026 12:00:00 PM dev.anvilcheck.Uplink run\nSEVERE: all keys leaked";
        String escaped = LogEscape.escape(forged);
        assertThat(escaped).doesNotContain("\n").doesNotContain("\r")
                .isEqualTo("echo\\nDec 07, 2026 12:00:00 PM dev.anvilcheck.Uplink run\\nSEVERE: all keys leaked");
    }

    @Test
    void controlSeparatorAndBidiCharactersBecomeVisibleEscapes() {
        assertThat(LogEscape.escape("a\r\tb\\c")).isEqualTo("a\\r\\tb\\\\c");
        assertThat(LogEscape.escape("\u001b[31mred\u0085\u2028\u202e")).isEqualTo("\\u001b[31mred\\u0085\\u2028\\u202e");
    }

    @Test
    void plainTextAndNullAreKept() {
        String plain = "anvil.private.echo from 127.0.0.1:4242 — fine";
        assertThat(LogEscape.escape(plain)).isSameAs(plain);
        assertThat(LogEscape.escape(null)).isEqualTo("null");
    }
}
