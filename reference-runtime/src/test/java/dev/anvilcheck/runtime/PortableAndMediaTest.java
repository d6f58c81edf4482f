package dev.anvilcheck.runtime;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.users.AuthenticationFailed;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortableAndMediaTest {
    private final AnvilRuntime runtime = AnvilRuntime.create();

    @AfterEach
    void close() {
        runtime.close();
    }

    @PortableClass
    public static final class Basket {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
        final List<Object> items = new ArrayList<>();
        long discount;

        Basket() {
            CONSTRUCTED.incrementAndGet();
        }

        @ServerMethod
        long total(long extra) {
            return items.size() * 10L - discount + extra + (AnvilServer.context().type().equals("server_module") ? 0 : 1000);
        }

        @ServerMethod(requireUser = true)
        String owner() {
            return "owner";
        }

        @ServerMethod
        static String kind(Class<?> cls, String suffix) {
            return cls.getSimpleName() + suffix;
        }
    }

    /** Known only where a test registers it. */
    public static final class Note {
        String text = "hello";
        Object seenRemoteTrusted;

        void deserialize(Object data, SerializationInfo info) {
            text = (String) ((java.util.Map<?, ?>) data).get("text");
            seenRemoteTrusted = info.remoteIsTrusted();
        }
    }

    public static final class Shop {
        @Callable
        public Basket fill(long n) {
            Basket b = new Basket();
            for (int i = 0; i < n; i++) {
                b.items.add("item" + i);
            }
            return b;
        }

        @Callable
        public long mutate(Basket b) {
            b.items.clear();
            b.discount = 99;
            return b.items.size();
        }
    }

    @Test
    void portableObjectsCrossBothWaysWithoutConstructors() {
        runtime.register(new Shop());
        SimulatedBrowser browser = runtime.browser();
        int constructed = Basket.CONSTRUCTED.get();

        Basket basket = (Basket) browser.call("fill", 3);

        assertThat(Basket.CONSTRUCTED.get()).isEqualTo(constructed + 1);
        assertThat(basket.items).containsExactly("item0", "item1", "item2");
        assertThat(browser.call("mutate", basket)).isEqualTo(0L);
        assertThat(basket.items).hasSize(3);
        assertThat(basket.discount).isZero();
        assertThat(Basket.CONSTRUCTED.get()).isEqualTo(constructed + 1);
    }

    @Test
    void serverMethodsRunOnTheServerWithSelfFirst() {
        SimulatedBrowser browser = runtime.browser();
        Basket basket = new Basket();
        basket.items.add("x");
        basket.discount = 2;

        assertThat(browser.callServerMethod(basket, "total", 5)).isEqualTo(13L);
        assertThat(browser.callServerMethod(Basket.class, "kind", "!")).isEqualTo("Basket!");
        assertThat(browser.callServerMethod(basket, "kind", "?")).isEqualTo("Basket?");
        String name = "anvil.server_side/" + Basket.class.getName() + ".total";
        assertThat(browser.call(name, basket, kw("extra", 1))).isEqualTo(9L);
        assertThatThrownBy(() -> browser.call(name, "not a basket", 1))
                .isExactlyInstanceOf(AnvilWrappedError.class)
                .hasMessageContaining("'self' argument to method must be an instance of Basket")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("TypeError"));
        assertThatThrownBy(() -> browser.callServerMethod(basket, "owner"))
                .isExactlyInstanceOf(AuthenticationFailed.class);
        assertThatThrownBy(() -> browser.callServerMethod(basket, "items")).isExactlyInstanceOf(RuntimeError.class);
        assertThatThrownBy(() -> browser.callServerMethod("text", "length")).isExactlyInstanceOf(RuntimeError.class);
    }

    @Test
    void explicitRegistrationNamesServerMethodsAndIsKnownToCallers() {
        runtime.registerPortableClass(Note.class, "app.Note");
        runtime.register("echo", a -> a.get(0));
        SimulatedBrowser browser = runtime.browser();

        Object back = browser.call("echo", new Note());

        assertThat(back).isExactlyInstanceOf(Note.class);
        assertThat(((Note) back).seenRemoteTrusted).isEqualTo(true);
        assertThat(runtime.portableClasses().classNamed("app.Note")).isSameAs(Note.class);
        assertThatThrownBy(() -> runtime.registerPortableClass(Note.class, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClassOnlyTheCallerKnowsIsRefusedByTheServer() {
        AtomicInteger ran = new AtomicInteger();
        runtime.register("take", a -> ran.incrementAndGet());
        SimulatedBrowser browser = runtime.browser().registerPortableClass(Note.class, "client.Note");

        assertThatThrownBy(() -> browser.call("take", List.of(new Note())))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("No such serializable type: client.Note at msg['args'][0][0]");
        assertThat(ran.get()).isZero();
        assertThatThrownBy(() -> runtime.browser().call("take", new Note()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessageStartingWith("Cannot serialize arguments to function. Cannot serialize ");
    }

    @Test
    void anUnknownServerSideNameIsNoServerFunction() {
        SimulatedBrowser browser = runtime.browser();

        assertThatThrownBy(() -> browser.call("anvil.server_side/" + Basket.class.getName() + ".nothing"))
                .isExactlyInstanceOf(NoServerFunctionError.class);
        assertThatThrownBy(() -> browser.call("anvil.server_side/no.such.Class.m"))
                .isExactlyInstanceOf(NoServerFunctionError.class);
    }

    @Test
    void mediaThatFailsToSendStillCallsAndRaisesOnRead() {
        AtomicReference<Object> seen = new AtomicReference<>();
        runtime.register("upload", a -> {
            Media m = (Media) a.get(0);
            seen.set(m.name());
            return m.getBytes();
        });
        Media broken = new Media() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public String name() {
                return "f.txt";
            }

            @Override
            public byte[] getBytes() {
                throw new InternalError("upload interrupted");
            }

            @Override
            public long length() {
                return 0;
            }
        };

        assertThatThrownBy(() -> runtime.browser().call("upload", broken))
                .isExactlyInstanceOf(InternalError.class).hasMessage("upload interrupted");
        assertThat(seen.get()).isEqualTo("f.txt");
    }

    @Test
    void lazyMediaIsStoredInTheSessionAndFetchedOnUse() {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("row/1", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("text/plain", "data".getBytes(StandardCharsets.UTF_8), "d.txt");
        });
        runtime.register("store", a -> {
            AnvilServer.session().put("file", a.get(0));
            return null;
        });
        runtime.register("read", a -> new String(((Media) AnvilServer.session().get("file")).getBytes(),
                StandardCharsets.UTF_8));
        SimulatedBrowser browser = runtime.browser();

        browser.call("store", lazy);

        assertThat(fetches.get()).isZero();
        assertThat(browser.call("read")).isEqualTo("data");
        assertThat(fetches.get()).isEqualTo(1);
    }
}
