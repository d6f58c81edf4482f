package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.SerializationError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input gets the Anvil error the spec names, and the runtime stays usable afterwards. */
class BadInputTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();
    private final SimulatedBrowser browser = runtime.browser();

    @AfterEach
    void stillUsableAfterwards() {
        runtime.register("ping", args -> "pong");
        assertThat(browser.call("ping")).isEqualTo("pong");
        runtime.close();
    }

    @Test
    void nullNamesAreTypeErrors() {
        assertThatThrownBy(() -> browser.call(null, 1)).isInstanceOf(TypeError.class).hasMessageContaining("None");
        assertThatThrownBy(() -> runtime.register(null, args -> 1)).isInstanceOf(TypeError.class);
    }

    @Test
    void unknownNamesNameTheName() {
        assertThatThrownBy(() -> browser.call("send_invoice"))
                .isInstanceOf(NoServerFunctionError.class).hasMessageContaining("\"send_invoice\"");
    }

    @Test
    void argumentsThatCannotCrossNameTheirPath() {
        runtime.register("f", args -> null);
        assertThatThrownBy(() -> browser.call("f", 1, Map.of("when", Set.of(1))))
                .isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize arguments to function.")
                .hasMessageContaining("msg['args'][1]['when']");
    }

    @Test
    void nonStringKeysNameTheDictionary() {
        runtime.register("f", args -> null);
        Map<Object, Object> bad = new HashMap<>();
        bad.put(1, "one");
        assertThatThrownBy(() -> browser.call("f", List.of(bad)))
                .isInstanceOf(SerializationError.class)
                .hasMessageContaining("keys that aren't strings")
                .hasMessageContaining("msg['args'][0][0]");
    }

    @Test
    void cyclesAreRefused() {
        runtime.register("f", args -> null);
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertThatThrownBy(() -> browser.call("f", cycle))
                .isInstanceOf(SerializationError.class).hasMessageContaining("circular reference");
    }

    @Test
    void returnValuesThatCannotCrossFailTheCall() {
        runtime.register("f", args -> Set.of(1));
        assertThatThrownBy(() -> browser.call("f"))
                .isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize return value from function.")
                .hasMessageContaining("msg['response']");
    }

    @Test
    void aThrowingUserPredicatePropagatesItsError() {
        runtime.register("f", RequireUser.where(user -> {
            throw new IllegalStateException("directory down");
        }), args -> "ran");
        assertThatThrownBy(() -> browser.user(Map.of("id", 1)).call("f"))
                .isInstanceOf(AnvilWrappedError.class)
                .hasMessage("directory down")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("IllegalStateException"));
    }

    @Test
    void sessionValuesThatCannotBeStoredFailTheCallAndKeepTheOldSession() {
        browser.putSession("kept", 1);
        runtime.register("f", args -> {
            AnvilServer.session().put("bad", Set.of());
            return "body ran";
        });
        assertThatThrownBy(() -> browser.call("f"))
                .isInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Tried to store illegal value in a anvil.server.session.");
        assertThat(browser.sessionData()).containsOnlyKeys("kept");
    }

    public static class NoCallables {
        public void notAnnotated() {}
    }

    public static class InstanceOnly {
        @Callable
        public String f() {
            return "x";
        }
    }

    public static class BadPredicate implements dev.anvilcheck.server.UserPredicate {
        public BadPredicate(String needsAnArgument) {}

        @Override
        public boolean test(Object user) {
            return true;
        }
    }

    public static class UsesBadPredicate {
        @Callable(requireUserWhere = BadPredicate.class)
        public String f() {
            return "x";
        }
    }

    @Test
    void modulesThatCannotBeRegisteredSayWhy() {
        assertThatThrownBy(() -> runtime.register(new NoCallables()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no @Callable methods");
        assertThatThrownBy(() -> runtime.register(InstanceOnly.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("register an instance");
        assertThatThrownBy(() -> runtime.register(new UsesBadPredicate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-argument constructor");
    }
}
