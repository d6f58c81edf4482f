package dev.anvilcheck.tck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code Feature.PORTABLE_CLASSES} over the wire, against serve mode in this process: the suite's
 * uplink provides the server methods of the classes registered for both environments, every kind of
 * wire caller invokes them over its own uplink, and a class one caller registers stays that
 * caller's (PORT-02, PORT-08, PORT-10, PORT-11).
 */
class WirePortableClassesTest {
    private static final String CART = "anvilcheck.wire.test.Cart";

    /** A portable class with an instance and a static server method. */
    public static final class Cart {
        List<Object> items = new ArrayList<>();

        @ServerMethod
        List<Object> total(long extra) {
            return List.of(items.size() + extra, AnvilServer.context().type());
        }

        @ServerMethod
        static String kind(Class<?> cls, String suffix) {
            return cls.getSimpleName() + suffix;
        }
    }

    /** A portable class that only one caller registers. */
    public static final class OnlyMine {
        String value = "mine";

        @ServerMethod
        String run() {
            return value;
        }
    }

    @Test
    @DisplayName("the wire provider declares PORTABLE_CLASSES, with and without an HTTP origin")
    void declaresPortableClasses() {
        assertThat(WireRuntimeProvider.FEATURES).contains(Feature.PORTABLE_CLASSES);
        assertThat(WireRuntimeProvider.HTTP_FEATURES).contains(Feature.PORTABLE_CLASSES);
    }

    @Test
    @DisplayName("every kind of wire caller runs a server method on the suite's uplink, the object first")
    void everyCallerKindRunsServerMethods() throws Exception {
        try (RuntimeUnderTest rt = InProcessWireProvider.start(InProcessWireProvider.SERVER_KEY,
                InProcessWireProvider.CLIENT_KEY, InProcessWireProvider.SERVER_KEY, InProcessWireProvider.CLIENT_KEY)) {
            rt.registerPortableClass(Cart.class, CART);
            for (CallerKind kind : CallerKind.values()) {
                Caller caller = rt.caller(kind);
                Cart cart = new Cart();
                cart.items.add("apple");
                assertThat(caller.callServerMethod(cart, "total", 2L)).as("total() from %s", kind)
                        .isEqualTo(List.of(3L, "uplink"));
                assertThat(caller.callServerMethod(Cart.class, "kind", "!")).as("kind() from %s", kind)
                        .isEqualTo("Cart!");
                assertThat(caller.call("anvil.server_side/" + CART + ".total", cart, 0L)).as("by name from %s", kind)
                        .isEqualTo(List.of(1L, "uplink"));
            }
        }
    }

    @Test
    @DisplayName("a class one caller registers is unknown to the suite's functions and to every other caller")
    void oneCallersClassStaysItsOwn() throws Exception {
        try (RuntimeUnderTest rt = InProcessWireProvider.start(InProcessWireProvider.SERVER_KEY,
                InProcessWireProvider.CLIENT_KEY, InProcessWireProvider.SERVER_KEY, InProcessWireProvider.CLIENT_KEY)) {
            rt.register("echo", a -> a.get(0));
            dev.anvilcheck.spi.BrowserCaller mine = rt.browser();
            mine.registerPortableClass(OnlyMine.class, "anvilcheck.wire.test.OnlyMine");
            Caller other = rt.browser();
            assertThatThrownBy(() -> mine.call("echo", new OnlyMine())).isInstanceOf(SerializationError.class)
                    .hasMessage("No such serializable type: anvilcheck.wire.test.OnlyMine at msg['args'][0]");
            assertThatThrownBy(() -> other.call("echo", new OnlyMine())).isInstanceOf(SerializationError.class);
            assertThatThrownBy(() -> other.callServerMethod(new OnlyMine(), "run")).isInstanceOf(RuntimeError.class);
            mine.resetSession();
            assertThatThrownBy(() -> mine.call("echo", new OnlyMine())).as("after the caller reconnected")
                    .isInstanceOf(SerializationError.class).hasMessageStartingWith("No such serializable type");
        }
    }
}
