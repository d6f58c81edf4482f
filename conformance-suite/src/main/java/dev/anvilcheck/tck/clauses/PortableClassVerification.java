package dev.anvilcheck.tck.clauses;

import dev.anvilcheck.python.PythonError;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import dev.anvilcheck.server.ServerMethod;
import dev.anvilcheck.spi.Caller;
import dev.anvilcheck.spi.CallerKind;
import dev.anvilcheck.spi.Feature;
import dev.anvilcheck.spi.RuntimeUnderTest;
import dev.anvilcheck.tck.ConformanceExtension;
import dev.anvilcheck.tck.Expect;
import dev.anvilcheck.tck.RequiresFeature;
import dev.anvilcheck.tck.clauses.Probes.Recorder;
import dev.anvilcheck.tck.internal.Describe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conformance tests of section 2.10, PORT: portable classes. The probe classes below are portable
 * by their {@link PortableClass} annotation, which the value model of {@code anvil-test-core}
 * honours in every environment; the tests that register classes in one environment only, or call
 * server methods as client code, need {@link Feature#PORTABLE_CLASSES}.
 *
 * @since 0.1
 */
@ExtendWith(ConformanceExtension.class)
@DisplayName("PORT: portable classes")
public class PortableClassVerification {
    /** Counts constructor and initialiser runs of the probe classes (PORT-04). */
    static final AtomicInteger CONSTRUCTIONS = new AtomicInteger();

    /** A superclass with state of its own, not portable itself. */
    public static class Shape {
        private String label;

        /** @param label the label */
        public Shape(String label) {
            this.label = label;
            CONSTRUCTIONS.incrementAndGet();
        }

        String label() {
            return label;
        }
    }

    /** Portable under its default name, the binary class name (PORT-01). */
    @PortableClass
    public static class Point extends Shape {
        private final long x;
        private int y;
        List<Object> tags = new ArrayList<>();
        transient String cache = "not sent";

        {
            CONSTRUCTIONS.incrementAndGet();
        }

        /**
         * @param label the label
         * @param x the x
         * @param y the y
         */
        public Point(String label, long x, int y) {
            super(label);
            this.x = x;
            this.y = y;
        }

        /** @return a comparable description: label, x, y, tags */
        List<Object> describe() {
            return java.util.Arrays.asList(label(), x, y, tags);
        }
    }

    /** A subclass of a portable class, not registered itself (PORT-06). */
    public static final class Point3 extends Point {
        long z = 3;

        /** Creates the point. */
        public Point3() {
            super("3d", 1, 2);
        }
    }

    /** Portable under an explicit name (PORT-01). */
    @PortableClass("anvilcheck.tck.port.Renamed")
    public static final class Renamed {
        String value = "renamed";
    }

    /** Custom transmission with an in-place hook and shared data (PORT-04, PORT-05). */
    @PortableClass
    public static final class Money {
        private long cents;
        private String currency;
        private Point inside;
        Object dataSeen;
        Object sharedSeen;

        /**
         * @param cents the amount
         * @param currency the currency
         */
        public Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
            this.inside = new Point("inside", 5, 6);
            CONSTRUCTIONS.incrementAndGet();
        }

        Object serialize(SerializationInfo info) {
            info.sharedData().transmitted().put("rates", Map.of("EUR", 1L));
            return java.util.Arrays.asList(cents, currency, inside);
        }

        void deserialize(Object data, SerializationInfo info) {
            dataSeen = data;
            SerializationInfo.SharedData shared = info.sharedData();
            sharedSeen = shared.transmitted() == null ? null : shared.transmitted().get("rates");
            List<?> list = (List<?>) data;
            cents = (Long) list.get(0);
            currency = (String) list.get(1);
            inside = list.get(2) instanceof Point p ? p : null;
        }
    }

    /** Carries what its sender's serialize hook was told of the receiver's trust (PORT-05). */
    @PortableClass
    public static final class TrustSeen {
        Object remoteWasTrusted;

        Object serialize(SerializationInfo info) {
            return info.remoteIsTrusted();
        }

        void deserialize(Object data, SerializationInfo info) {
            remoteWasTrusted = data;
        }
    }

    /** Created by a factory hook (PORT-04). */
    @PortableClass
    public static final class Token {
        final String value;
        final String madeBy;

        private Token(String value, String madeBy) {
            this.value = value;
            this.madeBy = madeBy;
        }

        /** @param value the token */
        public Token(String value) {
            this(value, "constructor");
        }

        Object serialize(SerializationInfo info) {
            return value;
        }

        static Token newDeserialized(Object data, SerializationInfo info) {
            return new Token((String) data, "newDeserialized");
        }
    }

    /** Records what its child was when its own hook ran (PORT-09). */
    @PortableClass
    public static final class Outer {
        Inner child = new Inner();
        Object childSeen;

        Object serialize(SerializationInfo info) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("child", child);
            return data;
        }

        void deserialize(Object data, SerializationInfo info) {
            childSeen = ((Map<?, ?>) data).get("child");
            child = childSeen instanceof Inner i ? i : null;
        }
    }

    /** The child of {@link Outer}. */
    @PortableClass
    public static final class Inner {
        String name = "inner";
    }

    /** Registered under a name by server code itself (PORT-01). */
    public static final class RegisteredByServerCode {
        String value = "registered";
    }

    /** Never portable. */
    public static final class NeverPortable {
        String value = "x";
    }

    /** Registered by tests in one or both environments (PORT-02, PORT-08). */
    public static final class Plain {
        String value = "plain";
    }

    /** A class with {@link Inner}'s shape, registered by a caller under {@link Inner}'s name (PORT-01). */
    public static final class InnerTwin {
        String name = "twin";
    }

    /** A portable class with server methods (PORT-10). */
    public static final class Basket {
        List<Object> items = new ArrayList<>();

        @ServerMethod
        Object total(long extra) {
            CallContext context = AnvilServer.context();
            return List.of(items.size() + extra, context.type());
        }

        @ServerMethod
        static String kind(Class<?> cls, String suffix) {
            return cls.getSimpleName() + suffix;
        }

        @ServerMethod
        Object size() {
            return (long) items.size();
        }

        /** A plain method: it runs locally, not on the server. */
        long count() {
            return items.size();
        }
    }

    /**
     * A portable class with a server method, known by its decorator alone (PORT-01's default name):
     * no test registers it, as a Python class is registered when its module is imported (PORT-10).
     */
    @PortableClass
    public static final class Crate {
        List<Object> items = new ArrayList<>();

        @ServerMethod
        Object weigh(long extra) {
            return items.size() * 10L + extra;
        }
    }

    /** A {@link ServerMethod} in a class that is not portable (PORT-11). */
    public static final class NotPortable {
        @ServerMethod
        String run() {
            return "ran";
        }
    }

    /** Server code that echoes its first argument and records it. */
    private static final class Echo {
        final Recorder recorder;
        final AtomicReference<Object> toReturn = new AtomicReference<>();

        Echo(RuntimeUnderTest rt) {
            recorder = Probes.recorder(rt, "echo", null);
            rt.register("give", a -> toReturn.get());
        }

        Object received(String clause, Caller caller, Object value) {
            return Probes.see(clause, caller, recorder, "echo", value).args().get(0);
        }

        Object returned(String clause, Caller caller, Object value) {
            toReturn.set(value);
            return Expect.returns(clause, caller, "give", () -> caller.call("give"));
        }
    }

    private static <T> T as(String clause, CallerKind caller, String function, Class<T> type, Object value) {
        Expect.that(clause, caller, function, type.isInstance(value), "a " + type.getSimpleName(),
                Describe.value(value) + (value == null ? "" : " (" + value.getClass().getName() + ")"));
        return type.cast(value);
    }

    // ---------------------------------------------------------------- PORT-01, PORT-02

    @Test
    @DisplayName("[PORT-01] an annotated class crosses under its default name and under an explicit name")
    void required_PORT_01_annotatedClassesCross(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Point point = as("PORT-01", CallerKind.BROWSER, "echo", Point.class,
                echo.received("PORT-01", browser, new Point("p", 1, 2)));
        Expect.equal(browser, "echo", "received point", new Point("p", 1, 2).describe(), point.describe());
        Renamed renamed = as("PORT-01", CallerKind.BROWSER, "give", Renamed.class,
                echo.returned("PORT-01", browser, new Renamed()));
        Expect.equal(browser, "give", "received value", "renamed", renamed.value);
    }

    @Test
    @DisplayName("[PORT-01] portable_class(cls, name) in server code returns the class; a None name is a TypeError")
    void required_PORT_01_serverCodeRegistersByName(RuntimeUnderTest rt) {
        AtomicReference<Object> registered = new AtomicReference<>();
        AtomicReference<Throwable> nullName = new AtomicReference<>();
        rt.register("register", a -> {
            registered.set(AnvilServer.registerPortableClass(RegisteredByServerCode.class,
                    "anvilcheck.tck.port.RegisteredByServerCode"));
            try {
                AnvilServer.registerPortableClass(NeverPortable.class, null);
            } catch (RuntimeException e) {
                nullName.set(e);
            }
            return new RegisteredByServerCode();
        });
        Caller browser = rt.browser();
        Object result = Expect.returns(browser, "register", () -> browser.call("register"));
        Expect.equal(CallerKind.SERVER_MODULE, "register", "what registration returned",
                RegisteredByServerCode.class, registered.get());
        Expect.raises(CallerKind.SERVER_MODULE, "register", IllegalArgumentException.class,
                () -> CallVerification.rethrowOrReturn(nullName.get()));
        as("PORT-01", CallerKind.BROWSER, "register", RegisteredByServerCode.class, result);
    }

    @Test
    @DisplayName("[PORT-01] classes match by name, by default the binary class name: the receiver's class of the name arrives")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_01_defaultNameIsTheBinaryClassName(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        browser.registerPortableClass(InnerTwin.class, Inner.class.getName());
        Inner inner = as("PORT-01", CallerKind.BROWSER, "echo", Inner.class,
                echo.received("PORT-01", browser, new InnerTwin()));
        Expect.equal(browser, "echo", "name of the Inner built from an InnerTwin", "twin", inner.name);
        Caller other = rt.browser();
        other.registerPortableClass(Plain.class, "anvilcheck.tck.port.Renamed");
        Renamed renamed = as("PORT-01", CallerKind.BROWSER, "echo", Renamed.class,
                echo.received("PORT-01", other, new Plain()));
        Expect.equal(other, "echo", "value of the Renamed built from a Plain", "plain", renamed.value);
    }

    @Test
    @DisplayName("[PORT-02] a portable class is known in every environment: it crosses to and from every caller")
    void required_PORT_02_knownInEveryEnvironment(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        for (CallerKind kind : Probes.ALL_KINDS) {
            Caller caller = rt.caller(kind);
            as("PORT-02", kind, "echo", Point.class, echo.received("PORT-02", caller, new Point("a", 1, 1)));
            as("PORT-02", kind, "give", Point.class, echo.returned("PORT-02", caller, new Point("b", 2, 2)));
        }
    }

    @Test
    @DisplayName("[PORT-02] a class registered for both environments crosses both ways under its name")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_02_registrationInBothEnvironments(RuntimeUnderTest rt) {
        rt.registerPortableClass(Plain.class, "anvilcheck.tck.port.Plain");
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Plain received = as("PORT-02", CallerKind.BROWSER, "echo", Plain.class,
                echo.received("PORT-02", browser, new Plain()));
        Expect.equal(browser, "echo", "received value", "plain", received.value);
        as("PORT-02", CallerKind.BROWSER, "give", Plain.class, echo.returned("PORT-02", browser, new Plain()));
    }

    // ---------------------------------------------------------------- PORT-03, PORT-04

    @Test
    @DisplayName("[PORT-03] an instance is sent as its fields, superclass fields included, copied by value rules")
    void required_PORT_03_fieldsCross(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Point sent = new Point("labelled", 10, 20);
        sent.tags.add(7);
        sent.tags.add(Map.of("k", List.of(1)));
        List<Object> expected = List.of("labelled", 10L, 20, List.of(7L, Map.of("k", List.of(1L))));
        Caller browser = rt.browser();
        Point argument = as("PORT-03", CallerKind.BROWSER, "echo", Point.class, echo.received("PORT-03", browser, sent));
        Expect.equal(browser, "echo", "[label, x, y, tags] of the argument", expected,
                argument.describe());
        Expect.equal(browser, "echo", "transient field of the argument", null, argument.cache);
        Point returned = as("PORT-03", CallerKind.BROWSER, "give", Point.class, echo.returned("PORT-03", browser, sent));
        Expect.equal(browser, "give", "[label, x, y, tags] of the return value", expected,
                returned.describe());
    }

    @Test
    @DisplayName("[PORT-03] a field that cannot cross fails with SerializationError at the field's path")
    void required_PORT_03_unserialisableFieldFailsAtItsPath(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Point bad = new Point("bad", 1, 1);
        bad.tags.add(new java.util.HashSet<>());
        Caller browser = rt.browser();
        SerializationError e = Expect.raises(browser, "echo", SerializationError.class,
                () -> browser.call("echo", "first", bad));
        String message = String.valueOf(e.getMessage());
        Expect.that(browser, "echo", message.endsWith(" at msg['args'][1]['tags'][0]"),
                "a message naming the path msg['args'][1]['tags'][0]", "\"" + message + "\"");
        Expect.equal(browser, "echo", "times the function ran", 0, echo.recorder.count());
        echo.toReturn.set(bad);
        SerializationError back = Expect.raises(browser, "give", SerializationError.class,
                () -> browser.call("give"));
        String backMessage = String.valueOf(back.getMessage());
        Expect.that(browser, "give", backMessage.endsWith(" at msg['response']['tags'][0]"),
                "a message naming the path msg['response']['tags'][0]", "\"" + backMessage + "\"");
    }

    @Test
    @DisplayName("[PORT-04] reconstruction runs no constructor or initialiser, in either direction")
    void required_PORT_04_noConstructorRuns(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Point point = new Point("p", 1, 2);
        Money money = new Money(100, "EUR");
        Caller browser = rt.browser();
        int before = CONSTRUCTIONS.get();
        echo.received("PORT-04", browser, point);
        echo.returned("PORT-04", browser, List.of(point, money));
        Expect.equal(browser, "give", "constructor and initialiser runs while crossing", 0,
                CONSTRUCTIONS.get() - before);
    }

    @Test
    @DisplayName("[PORT-04] deserialize receives the serialised data; newDeserialized, when defined, creates the object")
    void required_PORT_04_hooksRebuildTheObject(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Money money = as("PORT-04", CallerKind.BROWSER, "echo", Money.class,
                echo.received("PORT-04", browser, new Money(1250, "GBP")));
        Expect.equal(browser, "echo", "[cents, currency]", List.of(1250L, "GBP"),
                List.of(money.cents, String.valueOf(money.currency)));
        Token token = as("PORT-04", CallerKind.BROWSER, "give", Token.class,
                echo.returned("PORT-04", browser, new Token("t-1")));
        Expect.equal(browser, "give", "[value, made by]", List.of("t-1", "newDeserialized"),
                java.util.Arrays.asList(token.value, token.madeBy));
    }

    // ---------------------------------------------------------------- PORT-05 .. PORT-07

    @Test
    @DisplayName("[PORT-05] serialize may return portable objects; deserialize gets that data and the shared data")
    void required_PORT_05_customDataAndSharedData(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Money money = as("PORT-05", CallerKind.BROWSER, "give", Money.class,
                echo.returned("PORT-05", browser, new Money(5, "EUR")));
        List<?> data = as("PORT-05", CallerKind.BROWSER, "give", List.class, money.dataSeen);
        Expect.equal(browser, "give", "size of the data deserialize received", 3, data.size());
        Expect.equal(browser, "give", "first two items of the data", List.of(5L, "EUR"), data.subList(0, 2));
        Point inside = as("PORT-05", CallerKind.BROWSER, "give", Point.class, data.get(2));
        Expect.equal(browser, "give", "the portable object inside the data",
                new Point("inside", 5, 6).describe(), inside.describe());
        Expect.equal(browser, "give", "shared data deserialize read", Map.of("EUR", 1L), money.sharedSeen);
    }

    @Test
    @DisplayName("[PORT-05] serialize of a return value is told whether its receiver is trusted: not for a browser or a"
            + " client uplink, yes for server code and a server uplink")
    void required_PORT_05_serializeSeesTheReceiversTrust(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Map<CallerKind, Boolean> trust = new LinkedHashMap<>();
        trust.put(CallerKind.BROWSER, false);
        trust.put(CallerKind.CLIENT_UPLINK, false);
        trust.put(CallerKind.SERVER_MODULE, true);
        trust.put(CallerKind.UPLINK, true);
        for (Map.Entry<CallerKind, Boolean> e : trust.entrySet()) {
            Caller caller = rt.caller(e.getKey());
            TrustSeen seen = as("PORT-05", e.getKey(), "give", TrustSeen.class,
                    echo.returned("PORT-05", caller, new TrustSeen()));
            Expect.equal(caller, "give", "info.remote_is_trusted in serialize of the return value", e.getValue(),
                    seen.remoteWasTrusted);
        }
    }

    @Test
    @DisplayName("[PORT-06] an unregistered subclass of a portable class raises SerializationError naming the registration")
    void required_PORT_06_unregisteredSubclassIsRefused(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        for (Object value : List.of(new Point3(), List.of(Point3.class))) {
            SerializationError e = Expect.raises(browser, "echo", SerializationError.class,
                    () -> browser.call("echo", value));
            String message = String.valueOf(e.getMessage());
            Expect.that(browser, "echo",
                    message.contains("must be registered with @anvil.server.portable_class"),
                    "a message saying \"... must be registered with @anvil.server.portable_class\"",
                    "\"" + message + "\"");
            echo.toReturn.set(value);
            Expect.raises(browser, "give", SerializationError.class, () -> browser.call("give"));
        }
        Expect.equal(browser, "echo", "times the function ran", 0, echo.recorder.count());
    }

    @Test
    @DisplayName("[PORT-07] a portable class object crosses and arrives as the class")
    void required_PORT_07_classObjectsCross(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Expect.equal(browser, "echo", "argument sent as Point.class", Point.class,
                echo.received("PORT-07", browser, Point.class));
        Expect.equal(browser, "give", "return value sent as [Renamed.class, Money.class]",
                List.of(Renamed.class, Money.class),
                echo.returned("PORT-07", browser, List.of(Renamed.class, Money.class)));
        Expect.raises(browser, "echo", SerializationError.class,
                () -> browser.call("echo", NeverPortable.class));
    }

    // ---------------------------------------------------------------- PORT-08, PORT-09

    @Test
    @DisplayName("[PORT-08] a name the receiver does not know raises SerializationError \"No such serializable type\"")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_08_unknownNameIsRefusedOnReceipt(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser().registerPortableClass(NeverPortable.class, "anvilcheck.tck.port.ClientOnly");
        SerializationError e = Expect.raises(browser, "echo", SerializationError.class,
                () -> browser.call("echo", Map.of("thing", new NeverPortable())));
        Expect.equal(browser, "echo", "message",
                "No such serializable type: anvilcheck.tck.port.ClientOnly at msg['args'][0]['thing']", e.getMessage());
        Expect.equal(browser, "echo", "times the function ran", 0, echo.recorder.count());
    }

    @Test
    @DisplayName("[PORT-09] nested portable objects are reconstructed inner-first")
    void required_PORT_09_innerFirst(RuntimeUnderTest rt) {
        Echo echo = new Echo(rt);
        Caller browser = rt.browser();
        Outer argument = as("PORT-09", CallerKind.BROWSER, "echo", Outer.class,
                echo.received("PORT-09", browser, new Outer()));
        as("PORT-09", CallerKind.BROWSER, "echo", Inner.class, argument.childSeen);
        Outer returned = as("PORT-09", CallerKind.BROWSER, "give", Outer.class,
                echo.returned("PORT-09", browser, new Outer()));
        as("PORT-09", CallerKind.BROWSER, "give", Inner.class, returned.childSeen);
    }

    // ---------------------------------------------------------------- PORT-10, PORT-11

    private static boolean isTypeError(Throwable e) {
        return e instanceof AnvilWrappedError w && "TypeError".equals(w.wireType())
                || e instanceof PythonError p && "TypeError".equals(p.pythonType());
    }

    @Test
    @DisplayName("[PORT-10] a server method runs on the server with the object first, as anvil.server_side/<name>.<method>")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_10_serverMethodsRunOnTheServer(RuntimeUnderTest rt) {
        rt.registerPortableClass(Basket.class, "anvilcheck.tck.port.Basket");
        Caller browser = rt.browser();
        Basket basket = new Basket();
        basket.items.add("apple");
        basket.items.add("pear");
        Expect.equal(browser, "total", "[items + extra, context.type] from the server method",
                List.of(5L, "server_module"),
                Expect.returns(browser, "total", () -> browser.callServerMethod(basket, "total", 3L)));
        String name = "anvil.server_side/anvilcheck.tck.port.Basket.total";
        Expect.equal(browser, name, "result of calling the function by name", List.of(2L, "server_module"),
                Expect.returns(browser, name, () -> browser.call(name, basket, 0L)));
        Expect.equal(browser, "kind", "result of the static server method", "Basket!",
                Expect.returns(browser, "kind", () -> browser.callServerMethod(Basket.class, "kind", "!")));
        Expect.equal(browser, "size", "result of the server method without arguments of its own", 2L,
                Expect.returns(browser, "size", () -> browser.callServerMethod(basket, "size")));
        Expect.equal(browser, "count", "plain method run locally", 2L, basket.count());
    }

    @Test
    @DisplayName("[PORT-10] a server method of a class known by its @portable_class decorator alone runs on the server"
            + " under anvil.server_side/<default name>.<method>")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_10_serverMethodOfADecoratedClassRuns(RuntimeUnderTest rt) {
        Caller browser = rt.browser();
        Crate crate = new Crate();
        crate.items.add("bolt");
        crate.items.add("nut");
        Expect.equal(browser, "weigh", "result of the server method", 23L,
                Expect.returns(browser, "weigh", () -> browser.callServerMethod(crate, "weigh", 3L)));
        String name = "anvil.server_side/" + Crate.class.getName() + ".weigh";
        Expect.equal(browser, name, "result of calling the function by name", 24L,
                Expect.returns(browser, name, () -> browser.call(name, crate, 4L)));
        for (String missing : List.of(name + "ed", "anvil.server_side/" + Crate.class.getName() + ".",
                "anvil.server_side/" + Crate.class.getName())) {
            Expect.raises(browser, missing, NoServerFunctionError.class, () -> browser.call(missing, crate, 4L));
        }
    }

    @Test
    @DisplayName("[PORT-10] a static server method invoked on an instance transmits the class, as a classmethod"
            + " does")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_10_staticServerMethodOnAnInstanceSendsTheClass(RuntimeUnderTest rt) {
        rt.registerPortableClass(Basket.class, "anvilcheck.tck.port.Basket");
        Caller browser = rt.browser();
        Expect.equal(browser, "kind", "result of the static server method invoked on an instance", "Basket?",
                Expect.returns(browser, "kind", () -> browser.callServerMethod(new Basket(), "kind", "?")));
    }

    @Test
    @DisplayName("[PORT-10] the server checks the first argument is an instance of the class, else TypeError")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_10_selfIsCheckedOnTheServer(RuntimeUnderTest rt) {
        rt.registerPortableClass(Basket.class, "anvilcheck.tck.port.Basket");
        Caller browser = rt.browser();
        for (String fn : List.of("anvil.server_side/anvilcheck.tck.port.Basket.total",
                "anvil.server_side/anvilcheck.tck.port.Basket.kind")) {
            Throwable e = Expect.raisesAnyOf(CallerKind.BROWSER, fn,
                    List.of(AnvilWrappedError.class, IllegalArgumentException.class),
                    () -> browser.call(fn, "not a basket", 1L));
            Expect.that(browser, fn, isTypeError(e), "an error of type TypeError", Describe.raised(e));
        }
    }

    @Test
    @DisplayName("[PORT-11] a server method outside a portable class, or a plain method, raises RuntimeError")
    @RequiresFeature(Feature.PORTABLE_CLASSES)
    void optional_PORT_11_misuseRaisesRuntimeError(RuntimeUnderTest rt) {
        rt.registerPortableClass(Basket.class, "anvilcheck.tck.port.Basket");
        Caller browser = rt.browser();
        Expect.raises(browser, "run", IllegalStateException.class,
                () -> browser.callServerMethod(new NotPortable(), "run"));
        Expect.raises(browser, "count", IllegalStateException.class,
                () -> browser.callServerMethod(new Basket(), "count"));
    }

    // ---------------------------------------------------------------- PORT-12

    @Test
    @DisplayName("[PORT-12] a portable object crosses by value: neither side sees the other's changes")
    void required_PORT_12_byValue(RuntimeUnderTest rt) {
        AtomicReference<Point> kept = new AtomicReference<>();
        rt.register("mutate", a -> {
            Point p = (Point) a.get(0);
            p.tags.add("added by the callee");
            p.y = 99;
            return p.describe();
        });
        rt.register("make", a -> {
            Point p = new Point("server's", 1, 1);
            kept.set(p);
            return p;
        });
        Caller browser = rt.browser();
        Point mine = new Point("mine", 1, 1);
        Expect.returns(browser, "mutate", () -> browser.call("mutate", mine));
        Expect.equal(browser, "mutate", "the caller's object after the call",
                new Point("mine", 1, 1).describe(), mine.describe());
        Point received = as("PORT-12", CallerKind.BROWSER, "make", Point.class,
                Expect.returns(browser, "make", () -> browser.call("make")));
        received.tags.add("added by the caller");
        Expect.equal(browser, "make", "the server's object after the caller changed its copy",
                new Point("server's", 1, 1).describe(), kept.get().describe());
    }
}
