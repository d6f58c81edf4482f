package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuePathTest {

    @Test
    @DisplayName("[SER-14] the root renders as msg and has no segments")
    void ser14_rootRendersAsMsg() {
        assertThat(ValuePath.root()).hasToString("msg");
        assertThat(ValuePath.root().segments()).isEmpty();
    }

    @Test
    @DisplayName("[SER-14] keys render quoted, indexes bare, in Python index notation")
    void ser14_keysAndIndexesRenderInPythonNotation() {
        ValuePath path = ValuePath.root().key("args").index(1).key("when");

        assertThat(path).hasToString("msg['args'][1]['when']");
        assertThat(path.segments()).containsExactly("args", 1, "when");
    }

    @Test
    @DisplayName("[SER-14] a path is immutable: extending it leaves it unchanged")
    void ser14_extendingAPathLeavesItUnchanged() {
        ValuePath args = ValuePath.root().key("args");

        ValuePath first = args.index(0);
        ValuePath second = args.index(1);

        assertThat(args).hasToString("msg['args']");
        assertThat(first).hasToString("msg['args'][0]");
        assertThat(second).hasToString("msg['args'][1]");
        assertThat(args.segments()).containsExactly("args");
    }

    @ParameterizedTest(name = "{0} renders as {1}")
    @DisplayName("[SER-14] keys render as Python's repr() of a str")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain         | msg['plain']",
        "it's          | msg[\"it's\"]",
        "say \"hi\"    | msg['say \"hi\"']",
        "it's \"x\"    | msg['it\\'s \"x\"']",
        "back\\slash   | msg['back\\\\slash']",
        "``            | msg['']",
    })
    void ser14_keysRenderAsPythonStrRepr(String key, String rendered) {
        assertThat(ValuePath.root().key(key.strip())).hasToString(rendered.strip());
    }

    @Test
    @DisplayName("[SER-14] unprintable characters in keys are escaped as Python escapes them")
    void ser14_unprintableCharactersAreEscapedAsInPython() {
        assertThat(ValuePath.root().key("a\nb\tc\rd")).hasToString("msg['a\\nb\\tc\\rd']");
        assertThat(ValuePath.root().key("\u0001\u007f\u00a0")).hasToString("msg['\\x01\\x7f\\xa0']");
        assertThat(ValuePath.root().key("\u200b\u2028")).hasToString("msg['\\u200b\\u2028']");
        assertThat(ValuePath.root().key("\ud800")).hasToString("msg['\\ud800']");
        assertThat(ValuePath.root().key("\udb80\udc00")).hasToString("msg['\\U000f0000']");
        assertThat(ValuePath.root().key("café 😀")).hasToString("msg['café 😀']");
    }

    @Test
    @DisplayName("[SER-14] paths with equal segments are equal")
    void ser14_pathsWithEqualSegmentsAreEqual() {
        ValuePath a = ValuePath.root().key("args").index(0);
        ValuePath b = ValuePath.root().key("args").index(0);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(ValuePath.root().key("args").index(1));
        assertThat(a).isNotEqualTo(ValuePath.root().key("args").key("0"));
        assertThat(a).isNotEqualTo(ValuePath.root().key("args"));
    }

    @Test
    @DisplayName("[SER-14] a path has no null keys and no negative indexes")
    void ser14_nullKeysAndNegativeIndexesAreRejected() {
        assertThatThrownBy(() -> ValuePath.root().key(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ValuePath.root().index(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("[SER-14] segments are immutable")
    void ser14_segmentsAreImmutable() {
        var segments = ValuePath.root().key("a").segments();

        assertThatThrownBy(() -> segments.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
