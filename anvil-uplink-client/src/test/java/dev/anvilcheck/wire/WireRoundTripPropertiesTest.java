package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.value.Crossing;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every crossable value crosses the wire exactly as it crosses in memory, and every value that
 * cannot cross is refused with the same error, naming the same path (SER-01..15, MEDIA-01,
 * CAP-08, TASK-17, CALL-20, CALL-21, SESS-04).
 */
class WireRoundTripPropertiesTest {
    private final WireCodec codec = WireCodec.create();

    private Message roundTrip(Message message) {
        List<Message> out = new ArrayList<>();
        Decoder decoder = codec.newDecoder(out::add);
        Frames.of(codec.encode(message)).feed(decoder);
        assertThat(out).hasSize(1);
        assertThat(decoder.pendingMessages()).isZero();
        return out.get(0);
    }

    @Provide
    Arbitrary<Object> values() {
        return WireValues.values(true);
    }

    @Provide
    Arbitrary<Object> sessionValues() {
        return WireValues.values(false);
    }

    @Property(tries = 400)
    @Label("a return value arrives as the value model's copy of it (CALL-21, SER-01..10)")
    void returnValuesRoundTrip(@ForAll("values") Object value) {
        Object expected = Crossing.from(ZoneOffset.UTC).returnValue(value);
        Message.Response received = (Message.Response) roundTrip(Message.Response.of("r1", value));
        assertThat(WireValues.same(expected, received.value())).as("%s -> %s", expected, received.value()).isTrue();
    }

    @Property(tries = 300)
    @Label("call arguments arrive as the value model's copy of them, positional and keyword (CALL-03, SER-15)")
    void argumentsRoundTrip(@ForAll("values") Object first, @ForAll("values") Object second,
            @ForAll("values") Object keyword) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("k", keyword);
        Arguments args = new Arguments(java.util.Arrays.asList(first, second), kwargs);
        Arguments expected = Crossing.from(ZoneOffset.UTC).arguments(args);
        Message.Call received = (Message.Call) roundTrip(Message.Call.of("c1", "f", args));
        assertThat(WireValues.same(expected.args(), received.arguments().args())).isTrue();
        assertThat(WireValues.same(expected.kwargs(), received.arguments().kwargs())).isTrue();
    }

    @Property(tries = 200)
    @Label("session data arrives as the value model stores it (SESS-04, SESS-05)")
    void sessionRoundTrip(@ForAll("sessionValues") Object value) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("v", value);
        Map<String, Object> expected = Crossing.from(ZoneOffset.UTC).sessionData(session);
        Message.Response received = (Message.Response) roundTrip(new Message.Response("r", 1L, session, Map.of()));
        assertThat(WireValues.same(expected, received.session())).isTrue();
    }

    /** A value that cannot cross, planted somewhere inside crossable ones. */
    record Planted(Object value) {}

    @Provide
    Arbitrary<Planted> planted() {
        Arbitrary<Object> bad = Arbitraries.of(new HashSet<>(List.of(1)), new byte[] {1}, BigDecimal.ONE, 'c',
                Instant.EPOCH, Thread.State.NEW, new Object(), Optional.empty(), LocalTime.NOON, Duration.ZERO,
                Map.of(1, "x"), new int[0], new StringBuilder("x"));
        Arbitrary<Object> siblings = WireValues.values(false);
        return Combinators.combine(bad, Arbitraries.integers().between(0, 4).list().ofMaxSize(4),
                siblings.list().ofMaxSize(3)).as((leaf, shape, others) -> {
                    Object v = leaf;
                    for (int s : shape) {
                        if (s % 2 == 0) {
                            List<Object> list = new ArrayList<>(others);
                            list.add(Math.min(s / 2, list.size()), v);
                            v = list;
                        } else {
                            Map<String, Object> map = new LinkedHashMap<>();
                            for (int i = 0; i < others.size(); i++) {
                                map.put("o" + i, others.get(i));
                            }
                            map.put("k" + s, v);
                            v = map;
                        }
                    }
                    return new Planted(v);
                });
    }

    @Property(tries = 300)
    @Label("a value that cannot cross is refused on the wire with the value model's error and path (SER-04, SER-14)")
    void nonCrossableValuesAreRefused(@ForAll("planted") Planted planted) {
        Object value = planted.value();
        SerializationError inMemory = catchThrowableOfType(SerializationError.class,
                () -> Crossing.from(ZoneOffset.UTC).returnValue(value));
        assertThat(inMemory).isNotNull();
        assertThatThrownBy(() -> codec.encode(Message.Response.of("r", value)))
                .isInstanceOf(SerializationError.class).hasMessage(inMemory.getMessage());

        Arguments args = Arguments.of("x", value);
        SerializationError argsInMemory = catchThrowableOfType(SerializationError.class,
                () -> Crossing.from(ZoneOffset.UTC).arguments(args));
        assertThatThrownBy(() -> codec.encode(Message.Call.of("c", "f", args)))
                .isInstanceOf(SerializationError.class).hasMessage(argsInMemory.getMessage());
    }

    @Property(tries = 100)
    @Label("Media in the session is refused with the platform's message, as in memory (SESS-04, MEDIA-05)")
    void mediaInSessionIsRefused(@ForAll("values") Object value) {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("m", java.util.Arrays.asList(value, new dev.anvilcheck.media.BlobMedia("text/plain", new byte[] {1})));
        SerializationError inMemory = catchThrowableOfType(SerializationError.class,
                () -> Crossing.from(ZoneOffset.UTC).sessionData(session));
        assertThatThrownBy(() -> codec.encode(new Message.Response("r", 1L, session, Map.of())))
                .isInstanceOf(SerializationError.class).hasMessage(inMemory.getMessage());
    }
}
