package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.wire.WireCodec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Portable-class values the server does not know, relayed between two Java uplinks unchanged
 * (Uplink protocol §4.5), while server code receiving one is still refused (PORT-08).
 */
class UplinkPortableRelayTest {
    private static final String KEY = "server-key";
    private static final String NAME = "uplinks.Token";

    private final AnvilRuntime runtime = AnvilRuntime.builder().uplinkKey(KEY).callTimeout(Duration.ZERO).build();
    private final URI uri = runtime.uplinkUri();
    private Uplink a;
    private Uplink b;

    /** Known only to the uplinks' own registries, never to the runtime's. */
    public static final class Token {
        String text;
        List<Object> items = List.of();

        public Token() {
            this("");
        }

        Token(String text) {
            this.text = text;
        }

        Object serialize(SerializationInfo info) {
            return Map.of("text", text, "items", items);
        }

        void deserialize(Object data, SerializationInfo info) {
            text = (String) ((Map<?, ?>) data).get("text");
            items = List.copyOf((List<?>) ((Map<?, ?>) data).get("items"));
        }
    }

    /** Known only to the uplinks; its hooks use the message's shared data (PORT-05). */
    public static final class Rated {
        long cents;
        Object ratesSeen;

        public Rated() {
        }

        Rated(long cents) {
            this.cents = cents;
        }

        Object serialize(SerializationInfo info) {
            info.sharedData().transmitted().put("rates", Map.of("EUR", 2L));
            return cents;
        }

        void deserialize(Object data, SerializationInfo info) {
            cents = (Long) data;
            Map<String, Object> transmitted = info.sharedData().transmitted();
            ratesSeen = transmitted == null ? null : transmitted.get("rates");
        }
    }

    @AfterEach
    void close() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        runtime.close();
    }

    private Uplink connect() {
        PortableClasses classes = PortableClasses.inheriting(PortableClasses.global());
        classes.register(Token.class, NAME);
        classes.register(Rated.class, "uplinks.Rated");
        classes.register(Counter.class, "uplinks.Counter");
        return Uplink.builder(uri, KEY).heartbeatInterval(Duration.ZERO)
                .codec(WireCodec.builder().portableClasses(classes).build()).connect();
    }

    @Test
    @DisplayName("§4.5, PORT-03, PORT-08 an uplink's portable value crosses the server to another uplink and back"
            + " unchanged although only the uplinks know its class; server code receiving it is refused")
    void unknownPortableValuesAreRelayedBetweenUplinks() {
        a = connect();
        a.register("stamp", args -> {
            Token in = (Token) args.get(0);
            Token out = new Token(in.text + "!");
            out.items = List.of(in, 7L);
            return out;
        });
        a.heartbeat();
        b = connect();

        Object back = b.call("stamp", new Token("hi"));

        assertThat(back).isExactlyInstanceOf(Token.class);
        Token token = (Token) back;
        assertThat(token.text).isEqualTo("hi!");
        assertThat(token.items).hasSize(2).last().isEqualTo(7L);
        assertThat(token.items.get(0)).isExactlyInstanceOf(Token.class);
        assertThat(((Token) token.items.get(0)).text).isEqualTo("hi");
        assertThat(runtime.portableClasses().classNamed(NAME)).isNull();

        AtomicInteger ran = new AtomicInteger();
        runtime.register("take", args -> ran.incrementAndGet());
        assertThatThrownBy(() -> b.call("take", List.of(new Token("x"))))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessageContaining("No such serializable type: " + NAME);
        assertThat(ran.get()).isZero();
        runtime.register("give", args -> args.get(0));
        assertThatThrownBy(() -> b.call("give", new Token("y")))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessageContaining("No such serializable type: " + NAME);
    }

    @Test
    @DisplayName("§4.5, PORT-05, PORT-07 the shared data of relayed objects and relayed class objects cross the"
            + " server unchanged although only the uplinks know the classes")
    void sharedDataAndClassObjectsAreRelayed() {
        a = connect();
        a.register("echo", args -> {
            Rated in = (Rated) args.get(0);
            return List.of(in.ratesSeen, new Rated(in.cents + 1), args.get(1));
        });
        a.heartbeat();
        b = connect();

        List<?> back = (List<?>) b.call("echo", new Rated(5), Token.class);

        assertThat(back.get(0)).as("shared data the callee's deserialize read").isEqualTo(Map.of("EUR", 2L));
        Rated returned = (Rated) back.get(1);
        assertThat(returned.cents).isEqualTo(6L);
        assertThat(returned.ratesSeen).as("shared data the caller's deserialize read").isEqualTo(Map.of("EUR", 2L));
        assertThat(back.get(2)).as("class object relayed both ways").isEqualTo(Token.class);
        runtime.register("take", args -> args.get(0));
        assertThatThrownBy(() -> b.call("take", Token.class)).isExactlyInstanceOf(SerializationError.class)
                .hasMessageContaining("No such serializable type: " + NAME);
    }

    @Test
    @DisplayName("§4.5, SESS-15 a portable value only the uplinks know, stored in the session by one uplink's"
            + " function, is read back by another's in the same session")
    void unknownPortableValuesInTheSessionAreKeptOpaque() {
        a = connect();
        a.register("remember", args -> {
            dev.anvilcheck.server.AnvilServer.session().put("token", new Token("kept"));
            return null;
        });
        a.register("recall", args -> ((Token) dev.anvilcheck.server.AnvilServer.session().get("token")).text);
        a.heartbeat();
        dev.anvilcheck.runtime.SimulatedBrowser browser = runtime.browser();

        browser.call("remember");

        assertThat(browser.call("recall")).isEqualTo("kept");
    }

    /** Known only to the runtime. */
    public static final class Secret {
        String text = "s";
    }

    @Test
    @DisplayName("PORT-08 a response the Java client cannot read (a portable class only the server knows) fails the"
            + " call with SerializationError instead of leaving it waiting")
    void unreadableResponsesFailTheCall() {
        runtime.registerPortableClass(Secret.class, "srv.Secret");
        runtime.register("secret", args -> new Secret());
        a = connect();

        assertThatThrownBy(() -> a.call("secret")).isExactlyInstanceOf(SerializationError.class)
                .hasMessageContaining("No such serializable type: srv.Secret");
        assertThat(a.call("anvil.private.echo", "still")).isEqualTo("still");
    }

    /** Known only to the uplinks; its server methods run on the uplink that provides them (PORT-10). */
    public static final class Counter {
        long count;

        public Counter() {
        }

        @dev.anvilcheck.server.ServerMethod
        List<Object> plus(long n) {
            return List.of(count + n, dev.anvilcheck.server.AnvilServer.context().type());
        }

        @dev.anvilcheck.server.ServerMethod
        static String named(Class<?> cls, String suffix) {
            return cls.getSimpleName() + suffix;
        }
    }

    @Test
    @DisplayName("PORT-10 registerServerMethods provides anvil.server_side/<name>.<method> on the uplink; another"
            + " uplink calls it with the object first, and a first argument of the wrong type is a TypeError")
    void serverMethodsAreProvidedByTheUplink() {
        a = connect();
        a.registerServerMethods(Counter.class, "uplinks.Counter");
        a.heartbeat();
        b = connect();
        Counter counter = new Counter();
        counter.count = 2;

        assertThat(b.call("anvil.server_side/uplinks.Counter.plus", counter, 3L)).isEqualTo(List.of(5L, "uplink"));
        assertThat(b.call("anvil.server_side/uplinks.Counter.named", Counter.class, "!")).isEqualTo("Counter!");
        for (String method : List.of("plus", "named")) {
            assertThatThrownBy(() -> b.call("anvil.server_side/uplinks.Counter." + method, "not a counter", 1L))
                    .isInstanceOfSatisfying(dev.anvilcheck.server.AnvilWrappedError.class,
                            e -> assertThat(e.wireType()).isEqualTo("TypeError"));
        }
    }
}
