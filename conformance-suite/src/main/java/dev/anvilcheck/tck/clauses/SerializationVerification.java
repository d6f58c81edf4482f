package dev.anvilcheck.tck.clauses;

import static dev.anvilcheck.server.Kwargs.kw;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.spi.UplinkCaller;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.clauses.Probes.Recorder;
import dev.anvilcheck.tck.internal.Describe;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.6, SER: what can cross the wire, and how it arrives. Values are
 * sent in both directions: as arguments from a browser, as return values to it, and as arguments
 * of a call from server code.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("SER: values crossing the wire")
public class SerializationVerification {

    /** A value with no wire form: an instance of an unregistered class (SER-04). */
    record Point(int x, int y) {}

    /** The three directions a value is checked in. */
    private static final class Wire {
        private final RuntimeUnderTest rt;
        private final Recorder echo;
        private final AtomicReference<Object> toReturn = new AtomicReference<>();
        private final AtomicReference<Object> toSendFromServer = new AtomicReference<>();
        private final AtomicReference<Object> receivedByServer = new AtomicReference<>();
        private final AtomicReference<Throwable> raisedInServer = new AtomicReference<>();

        Wire(RuntimeUnderTest rt) {
            this.rt = rt;
            this.echo = Probes.recorder(rt, "echo", null);
            rt.register("give", a -> toReturn.get());
            rt.register("relay", a -> {
                try {
                    receivedByServer.set(AnvilServer.call("give"));
                    AnvilServer.call("echo", toSendFromServer.get());
                } catch (RuntimeException e) {
                    raisedInServer.set(e);
                }
                return null;
            });
        }

        /** Sends {@code value} as argument 0 from {@code caller}; returns what the function received. */
        Object argument(String clause, Caller caller, Object value) {
            return Probes.see(clause, caller, echo, "echo", value).args().get(0);
        }

        /** Returns {@code value} from a function to {@code caller}; returns what the caller received. */
        Object returned(String clause, Caller caller, Object value) {
            toReturn.set(value);
            return Expect.returns(clause, caller, "give", () -> caller.call("give"));
        }

        /** Sends {@code value} as an argument of a call from server code; returns what arrived. */
        Object fromServer(String clause, Object value) {
            toSendFromServer.set(value);
            raisedInServer.set(null);
            int before = echo.count();
            Caller browser = rt.browser();
            Expect.returns(clause, browser, "relay", () -> browser.call("relay"));
            Expect.returns(clause, CallerKind.SERVER_MODULE, "echo",
                    () -> CallVerification.rethrowOrReturn(raisedInServer.get()));
            Expect.that(clause, CallerKind.SERVER_MODULE, "echo", echo.count() == before + 1,
                    "the function to run once", "it ran " + (echo.count() - before) + " times");
            return echo.last().args().get(0);
        }

        /** Checks {@code value} arrives as {@code expected} in all three directions. */
        void crosses(String clause, Object value, Object expected) {
            Caller browser = rt.browser();
            Expect.equal(clause, browser, "echo", "argument sent as " + Describe.value(value), canonical(expected),
                    canonical(argument(clause, browser, value)));
            Expect.equal(clause, browser, "give", "return value sent as " + Describe.value(value),
                    canonical(expected), canonical(returned(clause, browser, value)));
            Expect.equal(clause, CallerKind.SERVER_MODULE, "echo", "argument sent as " + Describe.value(value),
                    canonical(expected), canonical(fromServer(clause, value)));
        }

        /** Checks {@code value} is refused with SerializationError in all three directions. */
        void refused(String clause, Object value) {
            Caller browser = rt.browser();
            int before = echo.count();
            Expect.raises(clause, browser, "echo", SerializationError.class, () -> browser.call("echo", value));
            Expect.equal(clause, browser, "echo", "times the function ran", before, echo.count());
            toReturn.set(value);
            Expect.raises(clause, browser, "give", SerializationError.class, () -> browser.call("give"));
            toSendFromServer.set(value);
            raisedInServer.set(null);
            Expect.returns(clause, browser, "relay", () -> browser.call("relay"));
            Expect.raises(clause, CallerKind.SERVER_MODULE, "echo", SerializationError.class,
                    () -> CallVerification.rethrowOrReturn(raisedInServer.get()));
            Expect.equal(clause, CallerKind.SERVER_MODULE, "echo", "times the function ran", before, echo.count());
        }
    }

    /** Media and capabilities compared by content; everything else as is. */
    private static Object canonical(Object value) {
        if (value instanceof Media media) {
            return Arrays.asList("Media", media.contentType(), media.name(),
                    Base64.getEncoder().encodeToString(media.getBytes()));
        }
        if (value instanceof Capability cap) {
            return List.of("Capability", cap.scope());
        }
        return value;
    }

    // ---------------------------------------------------------------- SER-01 .. SER-04

    @Test
    @DisplayName("[SER-01] None, bool, int, float, str, list, dict, date, datetime, Media and Capability cross")
    void required_SER_01_nativeValuesCross(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        OffsetDateTime when = OffsetDateTime.of(2024, 5, 17, 9, 30, 15, 250_000_000, ZoneOffset.ofHours(2));
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("name", "Ada");
        dict.put("age", 36L);
        dict.put("tags", List.of("x", "y"));
        dict.put("none", null);
        List<Object> values = Arrays.asList(null, true, false, 42L, 2.5, "text", "", List.of(1L, "a", List.of()),
                dict, LocalDate.of(2024, 2, 29), when,
                new BlobMedia("text/plain", "hello".getBytes(StandardCharsets.UTF_8), "hello.txt"));
        for (Object value : values) {
            wire.crosses("SER-01", value, value);
        }
        // A browser cannot make capabilities (CAP-03) and may only send back ones the server issued
        // to its session (CAP-08): the server issues one first.
        Capability cap = new Capability(List.of("doc", 7L));
        Caller browser = rt.browser();
        Object issued = wire.returned("SER-01", browser, cap);
        Expect.equal(browser, "give", "return value sent as " + Describe.value(cap), canonical(cap),
                canonical(issued));
        Expect.equal(browser, "echo", "argument sent as the capability the server issued",
                canonical(cap), canonical(wire.argument("SER-01", browser, issued)));
        Expect.equal(CallerKind.SERVER_MODULE, "echo", "argument sent as " + Describe.value(cap),
                canonical(cap), canonical(wire.fromServer("SER-01", cap)));
    }

    @Test
    @DisplayName("[SER-02] a dict with a non-string key raises SerializationError")
    void required_SER_02_nonStringKeysRaiseSerializationError(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        wire.refused("SER-02", Map.of(1L, "one"));
        wire.refused("SER-02", List.of("fine", Map.of(LocalDate.of(2024, 1, 1), "date key")));
    }

    @Test
    @DisplayName("[SER-02] a dict mixing string and non-string keys raises SerializationError or TypeError")
    void required_SER_02_mixedKeysRaiseSerializationOrTypeError(RuntimeUnderTest rt) {
        Recorder echo = Probes.recorder(rt, "echo", null);
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put("a", 1L);
        mixed.put(2L, "b");
        Caller browser = rt.browser();
        Expect.raisesAnyOf(CallerKind.BROWSER, "echo",
                List.of(SerializationError.class, IllegalArgumentException.class), () -> browser.call("echo", mixed));
        Expect.equal(browser, "echo", "times the function ran", 0, echo.count());
    }

    @Test
    @DisplayName("[SER-03] tuples (arrays) and any list arrive as lists")
    void required_SER_03_tuplesArriveAsLists(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        wire.crosses("SER-03", new Object[] {1L, "a", null}, Arrays.asList(1L, "a", null));
        wire.crosses("SER-03", List.of(1L, List.of(2L)), List.of(1L, List.of(2L)));
        wire.crosses("SER-03", Map.of("t", new Object[] {"x", "y"}), Map.of("t", List.of("x", "y")));
        Caller browser = rt.browser();
        Object received = wire.argument("SER-03", browser, new Object[] {"p", "q"});
        Expect.that(browser, "echo", received instanceof List<?>, "a List",
                Describe.value(received));
    }

    @Test
    @DisplayName("[SER-04] sets, bytes, decimals, times, durations and arbitrary objects raise SerializationError")
    void required_SER_04_unsupportedTypesRaiseSerializationError(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        List<Object> unsupported = List.of(Set.of(1L), new byte[] {1, 2}, new BigDecimal("1.50"), LocalTime.NOON,
                Duration.ofSeconds(5), new Object(), new Point(1, 2), new StringBuilder("sb"));
        for (Object value : unsupported) {
            wire.refused("SER-04", value);
        }
    }

    // ---------------------------------------------------------------- SER-05 .. SER-09

    @Test
    @DisplayName("[SER-05] NaN, inf and -inf round-trip exactly")
    void required_SER_05_nonFiniteFloatsRoundTrip(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.5,
                Double.MAX_VALUE, Double.MIN_VALUE}) {
            wire.crosses("SER-05", d, d);
        }
        wire.crosses("SER-05", Float.NaN, Double.NaN);
        wire.crosses("SER-05", 1.5f, 1.5d);
    }

    @Test
    @DisplayName("[SER-06] integers of any size round-trip exactly; bool stays bool")
    void required_SER_06_integersAndBoolsRoundTrip(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        wire.crosses("SER-06", 7, 7L);
        wire.crosses("SER-06", -7, -7L);
        for (long n : new long[] {0L, 2147483647L, 2147483648L, -2147483648L, -2147483649L, Long.MAX_VALUE,
                Long.MIN_VALUE}) {
            wire.crosses("SER-06", n, n);
        }
        BigInteger big = BigInteger.TWO.pow(100).add(BigInteger.ONE);
        wire.crosses("SER-06", big, big);
        wire.crosses("SER-06", big.negate(), big.negate());
        wire.crosses("SER-06", true, true);
        wire.crosses("SER-06", false, false);
        wire.crosses("SER-06", List.of(true, 1L), List.of(true, 1L));
    }

    @Test
    @DisplayName("[SER-07] a date arrives as a date; a datetime never degrades to a date")
    void required_SER_07_datesStayDates(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        wire.crosses("SER-07", LocalDate.of(1999, 12, 31), LocalDate.of(1999, 12, 31));
        OffsetDateTime midnight = OffsetDateTime.of(2024, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        wire.crosses("SER-07", midnight, midnight);
    }

    @Test
    @DisplayName("[SER-08] an aware datetime arrives with the same UTC offset and microseconds")
    void required_SER_08_awareDatetimeKeepsOffset(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        for (OffsetDateTime t : List.of(
                OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 123_456_000, ZoneOffset.ofHoursMinutes(5, 30)),
                OffsetDateTime.of(2023, 11, 5, 23, 59, 59, 999_999_000, ZoneOffset.ofHours(-8)),
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 1_000, ZoneOffset.UTC))) {
            wire.crosses("SER-08", t, t);
        }
    }

    @Test
    @DisplayName("[SER-09] a naive datetime sent by a caller arrives aware, with the caller's UTC offset")
    void required_SER_09_naiveDatetimeFromCallerGetsCallersOffset(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        LocalDateTime summer = LocalDateTime.of(2024, 7, 1, 12, 0, 0, 500_000_000);
        LocalDateTime winter = LocalDateTime.of(2024, 1, 15, 8, 30);
        for (ZoneId zone : List.of(ZoneOffset.ofHours(3), ZoneId.of("America/New_York"), ZoneOffset.UTC)) {
            for (CallerKind kind : List.of(CallerKind.BROWSER, CallerKind.UPLINK)) {
                Caller caller = rt.caller(kind).zone(zone);
                for (LocalDateTime naive : List.of(summer, winter)) {
                    OffsetDateTime expected = naive.atOffset(zone.getRules().getOffset(naive));
                    Expect.equal(caller, "echo", "argument sent as " + naive + " from zone " + zone,
                            expected, wire.argument("SER-09", caller, naive));
                }
            }
        }
    }

    @Test
    @DisplayName("[SER-09] a naive datetime sent by server code arrives aware, with the server's UTC offset")
    void required_SER_09_naiveDatetimeFromServerGetsServerOffset(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        ZoneId server = rt.serverZone();
        for (LocalDateTime naive : List.of(LocalDateTime.of(2024, 7, 1, 12, 0), LocalDateTime.of(2024, 1, 15, 8, 30,
                5, 1_000))) {
            OffsetDateTime expected = naive.atOffset(server.getRules().getOffset(naive));
            Caller browser = rt.browser().zone(ZoneOffset.ofHours(-11));
            Expect.equal(browser, "give", "return value sent as " + naive + " (server zone " + server + ")",
                    expected, wire.returned("SER-09", browser, naive));
            Expect.equal(CallerKind.SERVER_MODULE, "echo",
                    "argument sent as " + naive + " (server zone " + server + ")", expected,
                    wire.fromServer("SER-09", naive));
        }
    }

    @Test
    @DisplayName("[SER-09] a naive datetime an uplink function returns arrives aware, with the uplink's UTC offset")
    @RequiresFeature(Feature.UPLINK_FUNCTIONS)
    void optional_SER_09_naiveDatetimeFromUplinkFunctionGetsUplinkOffset(RuntimeUnderTest rt) {
        LocalDateTime naive = LocalDateTime.of(2024, 7, 1, 12, 0);
        ZoneOffset server = rt.serverZone().getRules().getOffset(naive);
        ZoneOffset uplinkZone = ZoneOffset.ofHours(server.equals(ZoneOffset.ofHours(3)) ? 5 : 3);
        UplinkCaller uplink = rt.uplink();
        uplink.zone(uplinkZone);
        uplink.register("uplink_naive", a -> naive);
        Caller browser = rt.browser();
        Expect.equal(browser, "uplink_naive", "return value sent as " + naive + " by an uplink in zone " + uplinkZone,
                naive.atOffset(uplinkZone),
                Expect.returns(browser, "uplink_naive", () -> browser.call("uplink_naive")));
    }

    // ---------------------------------------------------------------- SER-10 .. SER-12

    @Test
    @DisplayName("[SER-10] identity is not preserved: shared objects arrive as independent copies")
    void required_SER_10_identityNotPreserved(RuntimeUnderTest rt) {
        AtomicReference<Object> received = new AtomicReference<>();
        List<Object> kept = new ArrayList<>(List.of("server"));
        rt.register("keep", a -> {
            received.set(a.get(0));
            return kept;
        });
        Caller browser = rt.browser();
        List<Object> shared = new ArrayList<>(List.of(1L));
        List<Object> pair = List.of(shared, shared);
        Object result = Expect.returns(browser, "keep", () -> browser.call("keep", pair));
        Object arrived = received.get();
        Expect.that(browser, "keep", arrived instanceof List<?> l && l.size() == 2, "a list of two",
                Describe.value(arrived));
        List<?> both = (List<?>) arrived;
        Expect.that(browser, "keep", both.get(0) != both.get(1),
                "the twice-referenced list to arrive as two objects", "one object referenced twice");
        Expect.that(browser, "keep", both.get(0) != shared && arrived != pair,
                "the callee to receive copies", "it received the caller's own objects");
        Expect.that(browser, "keep", result != kept,
                "the caller to receive a copy of the return value", "it received the callee's own list");
        shared.add(2L);
        Expect.equal(browser, "keep", "callee's copy after the caller changed its list",
                List.of(List.of(1L), List.of(1L)), arrived);
        kept.add("changed later");
        Expect.equal(browser, "keep", "caller's copy after the callee changed its list",
                List.of("server"), result);
    }

    @Test
    @DisplayName("[SER-11] circular references cannot cross: SerializationError")
    void required_SER_11_circularReferencesRefused(RuntimeUnderTest rt) {
        Wire wire = new Wire(rt);
        List<Object> loop = new ArrayList<>();
        loop.add("head");
        loop.add(loop);
        wire.refused("SER-11", loop);
        Map<String, Object> selfMap = new LinkedHashMap<>();
        selfMap.put("me", selfMap);
        wire.refused("SER-11", selfMap);
    }

    // ---------------------------------------------------------------- SER-13 .. SER-15

    @Test
    @DisplayName("[SER-13] the browser applies the same rules to what it sends")
    void required_SER_13_browserAppliesSameRules(RuntimeUnderTest rt) {
        Recorder echo = Probes.recorder(rt, "echo", null);
        Caller browser = rt.browser();
        Expect.raises(browser, "echo", SerializationError.class, () -> browser.call("echo",
                Map.of(3L, "x")));
        Expect.raises(browser, "echo", SerializationError.class, () -> browser.call("echo",
                new Point(0, 0)));
        Expect.equal(browser, "echo", "times the function ran", 0, echo.count());
        Object tuple = Probes.see("SER-13", browser, echo, "echo", (Object) new Object[] {"a", 1}).args().get(0);
        Expect.equal(browser, "echo", "argument sent as a tuple", List.of("a", 1L), tuple);
    }

    @Test
    @DisplayName("[SER-14] serialisation errors name the failing location, e.g. msg['args'][0]['k']")
    void required_SER_14_errorsNameThePath(RuntimeUnderTest rt) {
        Probes.recorder(rt, "echo", null);
        Caller browser = rt.browser();
        Object bad = new Object();
        checkPath(browser, "msg['args'][0]['k']", () -> browser.call("echo", Map.of("k", bad)));
        checkPath(browser, "msg['args'][1][1]", () -> browser.call("echo", "fine", List.of(1L, bad)));
        checkPath(browser, "msg['kwargs']['opt']", () -> browser.call("echo", kw("opt", bad)));
        checkPath(browser, "msg['args'][0]", () -> browser.call("echo", Map.of(5L, "int key")));
    }

    private static void checkPath(Caller caller, String path, Expect.Action<?> call) {
        SerializationError e = Expect.raises("SER-14", caller, "echo", SerializationError.class, call);
        String message = String.valueOf(e.getMessage());
        Expect.that("SER-14", caller, "echo", message.contains(path), "a message naming " + path,
                "\"" + message + "\"");
    }

    @Test
    @DisplayName("[SER-15] keyword argument values follow the same rules as positional ones")
    void required_SER_15_keywordValuesFollowSameRules(RuntimeUnderTest rt) {
        Recorder echo = Probes.recorder(rt, "echo", null);
        Caller browser = rt.browser();
        Map<String, Object> kwargs = Probes.see("SER-15", browser, echo, "echo",
                kw("n", 7).and("t", new Object[] {"a"}).and("f", 0.5f).and("d", LocalDate.of(2024, 6, 1)))
                .args().kwargs();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("n", 7L);
        expected.put("t", List.of("a"));
        expected.put("f", 0.5d);
        expected.put("d", LocalDate.of(2024, 6, 1));
        Expect.equal(browser, "echo", "keyword arguments", expected, kwargs);
        Expect.raises(browser, "echo", SerializationError.class,
                () -> browser.call("echo", kw("s", Set.of(1L))));
        Expect.equal(browser, "echo", "times the function ran", 1, echo.count());
    }
}
