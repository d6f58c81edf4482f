package dev.anvilcheck.wire;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.Task;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Test helper: arbitrary crossable values of every kind, and the comparison of received values. */
final class WireValues {
    private WireValues() {}

    /** A task handle of the test's own, which crosses as a LiveObject by its id. */
    record TestTask(String getId) implements Task {
        @Override
        public String getTaskName() {
            return "t";
        }

        @Override
        public OffsetDateTime getStartTime() {
            return null;
        }

        @Override
        public Map<String, Object> getState() {
            return Map.of();
        }

        @Override
        public String getTerminationStatus() {
            return null;
        }

        @Override
        public Object getReturnValue() {
            return null;
        }

        @Override
        public RuntimeException getError() {
            return null;
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public boolean isCompleted() {
            return true;
        }

        @Override
        public void kill() {
            // a finished test task cannot be killed
        }
    }

    static Arbitrary<Object> leaves(boolean media) {
        Arbitrary<Object> longs = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, 1L, -1L, 2147483647L,
                -2147483647L, 2147483648L, -2147483648L, Long.MAX_VALUE, Long.MIN_VALUE)).map(l -> (Object) l);
        Arbitrary<Object> bigs = Arbitraries.bigIntegers().between(BigInteger.TWO.pow(63), BigInteger.TWO.pow(130))
                .flatMap(b -> Arbitraries.of(b, b.negate().subtract(BigInteger.ONE))).map(b -> (Object) b);
        Arbitrary<Object> doubles = Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.0, 1e300, Double.MIN_VALUE,
                Double.MAX_VALUE)).map(d -> (Object) d);
        Arbitrary<Object> strings = Arbitraries.strings().all().ofMaxLength(20).map(s -> (Object) s);
        Arbitrary<Object> dates = Arbitraries.longs().between(LocalDate.of(1, 1, 1).toEpochDay(),
                LocalDate.of(9999, 12, 31).toEpochDay()).map(d -> (Object) LocalDate.ofEpochDay(d));
        Arbitrary<Object> dateTimes = Combinators.combine(
                Arbitraries.longs().between(OffsetDateTime.of(1, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond(),
                        OffsetDateTime.of(9999, 12, 30, 0, 0, 0, 0, ZoneOffset.UTC).toEpochSecond()),
                Arbitraries.integers().between(0, 999_999),
                Arbitraries.integers().between(-18 * 60, 18 * 60)).as((s, micros, minutes) -> (Object) OffsetDateTime
                        .ofInstant(java.time.Instant.ofEpochSecond(s, micros * 1000L),
                                ZoneOffset.ofTotalSeconds(minutes * 60)));
        Arbitrary<Object> scopes = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMaxLength(5).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l));
        Arbitrary<Object> capabilities = Combinators.combine(scopes.list().ofMinSize(1).ofMaxSize(3),
                scopes.list().ofMaxSize(2), Arbitraries.strings().alpha().numeric().ofLength(16).injectNull(0.3))
                .as((scope, narrow, mac) -> (Object) Capability.restore(scope, narrow, mac));
        Arbitrary<Object> tasks = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(25)
                .map(id -> (Object) new TestTask(id));
        Arbitrary<Object> base = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(null)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(b -> (Object) b)),
                net.jqwik.api.Tuple.of(5, longs),
                net.jqwik.api.Tuple.of(2, bigs),
                net.jqwik.api.Tuple.of(5, doubles),
                net.jqwik.api.Tuple.of(5, strings),
                net.jqwik.api.Tuple.of(2, dates),
                net.jqwik.api.Tuple.of(2, dateTimes),
                net.jqwik.api.Tuple.of(2, capabilities),
                net.jqwik.api.Tuple.of(1, tasks));
        if (!media) {
            return base;
        }
        Arbitrary<Object> medias = Combinators.combine(Arbitraries.of("text/plain", "application/pdf", "image/png"),
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 300)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of(65535, 65536, 65537, 140_000))),
                Arbitraries.strings().alpha().ofMaxLength(8).injectNull(0.3), Arbitraries.integers())
                .as((type, size, name, seed) -> {
                    byte[] bytes = new byte[size];
                    new java.util.Random(seed).nextBytes(bytes);
                    return (Object) new BlobMedia(type, bytes, name);
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, base), net.jqwik.api.Tuple.of(1, medias));
    }

    /** Canonical values: leaves, and lists and string-keyed maps of them, up to four levels deep. */
    static Arbitrary<Object> values(boolean media) {
        return Arbitraries.recursive(() -> leaves(media), WireValues::containers, 0, 4);
    }

    private static Arbitrary<Object> containers(Arbitrary<Object> inner) {
        Arbitrary<Object> lists = inner.list().ofMaxSize(4).map(l -> (Object) l);
        Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.strings().all().ofMaxLength(6), inner).ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m));
        return Arbitraries.oneOf(lists, maps);
    }

    /** Whether a received value is the expected canonical value, exactly. */
    static boolean same(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a) || a.size() != e.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                if (!a.containsKey(entry.getKey()) || !same(entry.getValue(), a.get(entry.getKey()))) {
                    return false;
                }
            }
            return List.copyOf(e.keySet()).equals(List.copyOf(a.keySet()));
        }
        if (expected instanceof Media e) {
            return actual instanceof Media a && e.contentType().equals(a.contentType())
                    && java.util.Objects.equals(e.name(), a.name()) && Arrays.equals(e.getBytes(), a.getBytes());
        }
        if (expected instanceof Capability e) {
            return actual instanceof Capability a && e.baseScope().equals(a.baseScope())
                    && e.narrowing().equals(a.narrowing()) && java.util.Objects.equals(e.mac(), a.mac());
        }
        if (expected instanceof Task e) {
            return actual instanceof Task a && e.getId().equals(a.getId());
        }
        return expected.getClass() == actual.getClass() && expected.equals(actual);
    }
}
