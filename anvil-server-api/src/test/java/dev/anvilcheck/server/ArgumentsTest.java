package dev.anvilcheck.server;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void call03_aTrailingKwargsHoldsTheKeywordArguments() {
        Arguments args = Arguments.fromVarargs(1, "a", kw("x", 2).and("y", null));
        assertThat(args.args()).containsExactly(1, "a");
        assertThat(args.kwargs()).containsOnlyKeys("x", "y").containsEntry("x", 2).containsEntry("y", null);
        assertThat(args.kwargs().keySet()).containsExactly("x", "y");
        assertThat(args.kw("x")).isEqualTo(2);
        assertThat(args.get(1)).isEqualTo("a");
    }

    @Test
    void kwargsAnywhereButLastIsATypeError() {
        assertThatThrownBy(() -> Arguments.fromVarargs(kw("x", 1), 2))
                .isInstanceOf(TypeError.class).hasMessageContaining("last argument");
    }

    @Test
    void repeatedOrNullKeywordsAreTypeErrors() {
        assertThatThrownBy(() -> kw("x", 1).and("x", 2)).isInstanceOf(TypeError.class).hasMessageContaining("x");
        assertThatThrownBy(() -> kw(null, 1)).isInstanceOf(TypeError.class);
    }

    @Test
    void missingPositionalArgumentsAreTypeErrors() {
        assertThatThrownBy(() -> Arguments.of(1).get(1)).isInstanceOf(TypeError.class);
    }

    @Test
    void ctx10_outsideACallTheContextIsIdle() {
        CallContext idle = AnvilServer.context();
        assertThat(idle.client()).isNull();
        assertThat(idle.remoteCaller()).isNull();
        assertThat(idle.backgroundTaskId()).isNull();
        assertThat(idle.callStack()).isEmpty();
        assertThatThrownBy(() -> AnvilServer.call("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runtime.browser().call");
    }
}
