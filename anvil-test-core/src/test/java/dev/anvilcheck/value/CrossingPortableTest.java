package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.SerializationInfo;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingPortableTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final String ARGS_PREFIX = "Cannot serialize arguments to function. ";
    private static final String RETURN_PREFIX = "Cannot serialize return value from function. ";
    static final AtomicInteger CONSTRUCTED = new AtomicInteger();

    /** A superclass with state of its own. */
    static class Base {
        protected String label;

        Base(String label) {
            this.label = label;
        }
    }

    @PortableClass
    static class Point extends Base {
        static int instances;
        private final int x;
        final long y;
        Integer boxed;
        List<Object> tags = new ArrayList<>();
        transient String cache = "cached";

        {
            CONSTRUCTED.incrementAndGet();
        }

        Point(String label, int x, long y) {
            super(label);
            this.x = x;
            this.y = y;
            instances++;
        }

        int x() {
            return x;
        }
    }

    /** A subclass of a portable class, not registered itself (PORT-06). */
    static final class ColouredPoint extends Point {
        String colour = "red";

        ColouredPoint() {
            super("c", 1, 2);
        }
    }

    @PortableClass("test.RegisteredSub")
    static final class RegisteredSub extends Point {
        RegisteredSub() {
            super("r", 3, 4);
        }
    }

    /** Custom transmission: sends a list, receives it in place (PORT-04, PORT-05). */
    @PortableClass
    static final class Money {
        private long cents;
        private String currency;
        Object seenData;

        Money(long cents, String currency) {
            this.cents = cents;
            this.currency = currency;
            CONSTRUCTED.incrementAndGet();
        }

        Object serialize(SerializationInfo info) {
            return List.of(cents, currency);
        }

        void deserialize(Object data, SerializationInfo info) {
            seenData = data;
            List<?> list = (List<?>) data;
            cents = (Long) list.get(0);
            currency = (String) list.get(1);
        }
    }

    /** Created by a factory hook (PORT-04). */
    @PortableClass
    static final class Token {
        final String value;
        final boolean viaFactory;

        private Token(String value, boolean viaFactory) {
            this.value = value;
            this.viaFactory = viaFactory;
        }

        Object serialize(SerializationInfo info) {
            return value;
        }

        static Token newDeserialized(Object data, SerializationInfo info) {
            return new Token((String) data, true);
        }
    }

    @PortableClass
    record Pair(String left, int right) {}

    /** Outer whose deserialize inspects its child (PORT-09). */
    @PortableClass
    static final class Outer {
        Inner child;
        Object childAsSeenByDeserialize;

        Object serialize(SerializationInfo info) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("child", child);
            return data;
        }

        void deserialize(Object data, SerializationInfo info) {
            childAsSeenByDeserialize = ((Map<?, ?>) data).get("child");
            child = (Inner) childAsSeenByDeserialize;
        }
    }

    @PortableClass
    static final class Inner {
        String name = "inner";
    }

    /** Uses shared data and reports trust (PORT-05). */
    @PortableClass
    static final class Shared {
        String word;
        List<Object> seen;

        Object serialize(SerializationInfo info) {
            SerializationInfo.SharedData shared = info.sharedData();
            shared.transmitted().put("dictionary", List.of("alpha", "beta"));
            shared.local().put("not sent", new Object());
            info.sharedData("counter").transmitted().merge("n", 1L, (a, b) -> (Long) a + (Long) b);
            return word;
        }

        void deserialize(Object data, SerializationInfo info) {
            word = (String) data;
            seen = new ArrayList<>();
            seen.add(info.sharedData().transmitted().get("dictionary"));
            seen.add(info.sharedData().local().containsKey("not sent"));
            seen.add(info.sharedData("counter").transmitted().get("n"));
            seen.add(info.remoteIsTrusted());
            seen.add(info.localIsTrusted());
        }
    }

    /** Transmits something that cannot cross. */
    @PortableClass
    static final class BadShared {
        Object serialize(SerializationInfo info) {
            info.sharedData("k").transmitted().put("x", new HashSet<>());
            return null;
        }

        void deserialize(Object data, SerializationInfo info) {}
    }

    /** A node that may contain itself. */
    @PortableClass
    static final class Node {
        Object next;
    }

    @PortableClass
    static final class WithDateTime {
        LocalDateTime when = LocalDateTime.of(2024, 1, 1, 12, 0);
    }

    @PortableClass
    static final class Failing {
        Object serialize(SerializationInfo info) {
            throw new IllegalStateException("cannot serialise");
        }

        void deserialize(Object data, SerializationInfo info) {}
    }

    @PortableClass
    static final class FailingOnReceipt {
        void deserialize(Object data, SerializationInfo info) {
            throw new IllegalArgumentException("cannot deserialise");
        }
    }

    /** Registered only where a test says. */
    static final class ClientOnly {
        String note = "n";
    }

    /** The same shape as {@link ClientOnly}, registered on the other side under the same name. */
    static final class ServerTwin {
        String note;
    }

    private static Side side(PortableClasses classes) {
        return new Side(UTC, classes, true);
    }

    private static Point point() {
        Point p = new Point("origin", 7, 9L);
        p.boxed = 5;
        p.tags.add("a");
        p.tags.add(List.of(1));
        return p;
    }

    @Test
    @DisplayName("[PORT-03] an instance arrives with its own and its superclass's fields, copied, without transient ones")
    void port03_fieldsCrossByValue() {
        Point sent = point();

        Point received = (Point) Crossing.from(UTC).returnValue(sent);

        assertThat(received).isNotSameAs(sent).isExactlyInstanceOf(Point.class);
        assertThat(received.label).isEqualTo("origin");
        assertThat(received.x()).isEqualTo(7);
        assertThat(received.y).isEqualTo(9L);
        assertThat(received.boxed).isEqualTo(5);
        assertThat(received.tags).isEqualTo(List.of("a", List.of(1L))).isNotSameAs(sent.tags);
        assertThat(received.cache).isNull();
    }

    @Test
    @DisplayName("[PORT-04] reconstruction runs no constructor or initialiser")
    void port04_noConstructorRuns() {
        Point sent = point();
        int constructed = CONSTRUCTED.get();
        int instances = Point.instances;

        Crossing.from(UTC).arguments(Arguments.of(sent, sent));

        assertThat(CONSTRUCTED.get()).isEqualTo(constructed);
        assertThat(Point.instances).isEqualTo(instances);
    }

    @Test
    @DisplayName("[PORT-04] a deserialize hook is called on the new instance with the data its serialize hook sent")
    void port04_deserializeHookReceivesTheData() {
        Money sent = new Money(1250, "EUR");
        int constructed = CONSTRUCTED.get();

        Money received = (Money) Crossing.from(UTC).returnValue(sent);

        assertThat(CONSTRUCTED.get()).isEqualTo(constructed);
        assertThat(received.cents).isEqualTo(1250);
        assertThat(received.currency).isEqualTo("EUR");
        assertThat(received.seenData).isEqualTo(List.of(1250L, "EUR"));
    }

    @Test
    @DisplayName("[PORT-04] a static newDeserialized hook creates the instance")
    void port04_newDeserializedCreatesTheInstance() {
        Token received = (Token) Crossing.from(UTC).returnValue(new Token("t-1", false));

        assertThat(received.value).isEqualTo("t-1");
        assertThat(received.viaFactory).isTrue();
    }

    @Test
    @DisplayName("[PORT-04] a record is rebuilt by its canonical constructor, its int narrowed back")
    void port04_recordUsesItsCanonicalConstructor() {
        assertThat(Crossing.from(UTC).returnValue(new Pair("l", 3))).isEqualTo(new Pair("l", 3));
    }

    @Test
    @DisplayName("[PORT-05] shared data crosses before objects are rebuilt; local data stays; trust is reported")
    void port05_sharedDataAndTrust() {
        Shared first = new Shared();
        first.word = "one";
        Shared second = new Shared();
        second.word = "two";
        Side browser = new Side(UTC, PortableClasses.global(), false);

        @SuppressWarnings("unchecked")
        List<Shared> received = (List<Shared>) Crossing.from(UTC).to(browser).returnValue(List.of(first, second));

        assertThat(received.get(0).word).isEqualTo("one");
        assertThat(received.get(0).seen).containsExactly(List.of("alpha", "beta"), false, 2L, true, false);
        assertThat(received.get(1).seen).containsExactly(List.of("alpha", "beta"), false, 2L, true, false);
    }

    @Test
    @DisplayName("[PORT-05] shared data that cannot cross is refused at its path under msg['vt_global']")
    void port05_unserialisableSharedDataIsRefused() {
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(new BadShared()))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(RETURN_PREFIX + "Cannot serialize java.util.HashSet object at msg['vt_global'][':k']['x']");
    }

    @Test
    @DisplayName("[PORT-05] the data a serialize hook returns may hold other portable objects")
    void port05_hookDataMayHoldPortableObjects() {
        Outer outer = new Outer();
        outer.child = new Inner();
        outer.child.name = "kid";

        Outer received = (Outer) Crossing.from(UTC).returnValue(outer);

        assertThat(received.child.name).isEqualTo("kid");
        assertThat(received.child).isNotSameAs(outer.child);
    }

    @Test
    @DisplayName("[PORT-09] nested portable objects are rebuilt inner-first")
    void port09_innerFirst() {
        Outer outer = new Outer();
        outer.child = new Inner();

        List<?> argument = (List<?>) Crossing.from(UTC).arguments(Arguments.of(List.of(outer))).args().get(0);
        Outer received = (Outer) argument.get(0);

        assertThat(received.childAsSeenByDeserialize).isInstanceOf(Inner.class);
    }

    @Test
    @DisplayName("[PORT-03] a field that cannot cross is refused at the field's path")
    void port03_unserialisableFieldIsRefusedAtItsPath() {
        Point p = point();
        p.tags.add(new HashSet<>());

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(Arguments.of("x", p)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize java.util.HashSet object at msg['args'][1]['tags'][2]");
    }

    @Test
    @DisplayName("[PORT-06] an unregistered subclass of a portable class is refused, naming the registration")
    void port06_unregisteredSubclassIsRefused() {
        String name = ColouredPoint.class.getName();
        assertThatThrownBy(() -> Crossing.from(UTC).arguments(Arguments.of(new ColouredPoint())))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize " + name
                        + " (must be registered with @anvil.server.portable_class) at msg['args'][0]");
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(Map.of("k", ColouredPoint.class)))
                .hasMessage(RETURN_PREFIX + "Cannot serialize class " + name
                        + " (must be registered with @anvil.server.portable_class) at msg['response']['k']");
    }

    @Test
    @DisplayName("[PORT-06] a subclass registered itself crosses as itself")
    void port06_registeredSubclassCrossesAsItself() {
        assertThat(Crossing.from(UTC).returnValue(new RegisteredSub())).isExactlyInstanceOf(RegisteredSub.class);
    }

    @Test
    @DisplayName("[PORT-07] a portable class object crosses as the class; other class objects are refused")
    void port07_classObjects() {
        assertThat(Crossing.from(UTC).returnValue(List.of(Point.class, Pair.class)))
                .isEqualTo(List.of(Point.class, Pair.class));
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(String.class))
                .hasMessage(RETURN_PREFIX + "Cannot serialize java.lang.Class object at msg['response']");
    }

    @Test
    @DisplayName("[PORT-08] a name the receiver does not know fails on receipt, at its path, without the sender's prefix")
    void port08_unknownNameFailsOnReceipt() {
        PortableClasses client = PortableClasses.inheriting(PortableClasses.global());
        client.register(ClientOnly.class, "client.only.Thing");
        PortableClasses server = PortableClasses.inheriting(PortableClasses.global());
        InTransit<Arguments> sent = Crossing.from(side(client))
                .sendArguments(Arguments.of(1, Map.of("t", new ClientOnly())));

        assertThatThrownBy(() -> sent.receive(side(server)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("No such serializable type: client.only.Thing at msg['args'][1]['t']");
        assertThatThrownBy(() -> Crossing.from(side(client)).to(side(server)).returnValue(ClientOnly.class))
                .hasMessage("No such serializable type: client.only.Thing at msg['response']");
    }

    @Test
    @DisplayName("[PORT-02] classes match by registered name: the receiver's class of that name arrives")
    void port02_classesMatchByName() {
        PortableClasses client = PortableClasses.inheriting(PortableClasses.global());
        client.register(ClientOnly.class, "shared.Thing");
        PortableClasses server = PortableClasses.inheriting(PortableClasses.global());
        server.register(ServerTwin.class, "shared.Thing");

        Object received = Crossing.from(side(client)).to(side(server)).returnValue(new ClientOnly());

        assertThat(received).isExactlyInstanceOf(ServerTwin.class);
        assertThat(((ServerTwin) received).note).isEqualTo("n");
    }

    @Test
    @DisplayName("[PORT-08] a receiver finds an annotated class by its binary name, as Python imports its module")
    void port08_annotatedClassIsFoundByName() {
        PortableClasses fresh = PortableClasses.inheriting(PortableClasses.global());

        assertThat(fresh.classNamed(Inner.class.getName())).isEqualTo(Inner.class);
        assertThat(fresh.classNamed("no.such.module.Thing")).isNull();
    }

    @Test
    @DisplayName("[PORT-12] the receiver's object is independent of the sender's")
    void port12_byValue() {
        Point sent = point();
        Point received = (Point) Crossing.from(UTC).returnValue(sent);

        received.tags.add("changed");
        received.label = "changed";

        assertThat(sent.tags).hasSize(2);
        assertThat(sent.label).isEqualTo("origin");
    }

    @Test
    @DisplayName("[SER-10] one portable object sent twice arrives as two copies")
    void ser10_sharedPortableObjectArrivesTwice() {
        Point p = point();

        List<?> received = (List<?>) Crossing.from(UTC).returnValue(List.of(p, p));

        assertThat(received.get(0)).isNotSameAs(received.get(1));
    }

    @Test
    @DisplayName("[SER-11] a portable object that contains itself is refused where the cycle closes")
    void ser11_portableCycleIsRefused() {
        Node node = new Node();
        node.next = List.of("x", node);

        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(node))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(RETURN_PREFIX + "Cannot serialize a circular reference at msg['response']['next'][1]");
    }

    @Test
    @DisplayName("[SER-11] portable objects nested too deeply are refused rather than exhausting the stack")
    void ser11_deepPortableNestingIsRefused() {
        Node head = new Node();
        Node current = head;
        for (int i = 0; i < 300; i++) {
            Node next = new Node();
            current.next = next;
            current = next;
        }
        Node top = head;

        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(top))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(RETURN_PREFIX + "Cannot serialize portable objects nested more than 256 deep at "
                        + "msg['response']" + "['next']".repeat(256));
    }

    @Test
    @DisplayName("[PORT-03] deep but acceptable nesting of portable objects and containers crosses")
    void port03_deepNestingCrosses() {
        Node head = new Node();
        Node current = head;
        for (int i = 0; i < 100; i++) {
            Node next = new Node();
            List<Object> wrapper = new ArrayList<>();
            Object inner = wrapper;
            for (int j = 0; j < 80; j++) {
                inner = List.of(inner);
            }
            wrapper.add(next);
            current.next = inner;
            current = next;
        }
        current.next = "end";

        Object level = Crossing.from(UTC).returnValue(head);
        for (int i = 0; i < 100; i++) {
            Object inner = ((Node) level).next;
            for (int j = 0; j < 80; j++) {
                inner = ((List<?>) inner).get(0);
            }
            level = ((List<?>) inner).get(0);
        }
        assertThat(((Node) level).next).isEqualTo("end");
    }

    @Test
    @DisplayName("[SER-09] a naive date-time field arrives aware, which its field cannot hold: TypeError on receipt")
    void ser09_naiveDateTimeFieldCannotBeRebuilt() {
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(new WithDateTime()))
                .isExactlyInstanceOf(TypeError.class)
                .hasMessageContaining("'when' (LocalDateTime) cannot hold the received OffsetDateTime");
        assertThat(Crossing.from(UTC).returnValue(OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC)))
                .isInstanceOf(OffsetDateTime.class);
    }

    @Test
    @DisplayName("[PORT-05] a serialize hook's error reaches the sender as it is; a deserialize hook's the receiver")
    void port05_hookErrorsPropagate() {
        assertThatThrownBy(() -> Crossing.from(UTC).sendArguments(Arguments.of(new Failing())))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("cannot serialise");
        InTransit<Object> sent = Crossing.from(UTC).sendReturnValue(new FailingOnReceipt());
        assertThatThrownBy(() -> sent.receive(Side.of(UTC)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("cannot deserialise");
    }

    @Test
    @DisplayName("[PORT-04] a value in transit is received once")
    void port04_inTransitIsSingleUse() {
        InTransit<Object> sent = Crossing.from(UTC).sendReturnValue(point());
        sent.receive(Side.of(UTC));

        assertThatThrownBy(() -> sent.receive(Side.of(UTC))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("[PORT-04] handing over: a copy without portable objects is handed over itself, one with them in"
            + " transit, rebuilt by the receiver's registry")
    void port04_handOverDefersOnlyWhatNeedsTheReceiver() {
        Side server = Side.of(UTC);
        Side client = new Side(UTC, PortableClasses.inheriting(PortableClasses.global()), false);
        String plain = "plain";

        assertThat(Crossing.from(server).receiverTrusted(false).handOverReturnValue(plain)).isSameAs(plain);
        assertThat(Crossing.from(client).handOverArguments(Arguments.none()))
                .isSameAs(Arguments.none());
        Object list = Crossing.from(server).receiverTrusted(false).handOverReturnValue(List.of(1, "a"));
        assertThat(list).isEqualTo(List.of(1L, "a"));
        assertThat(InTransit.<Object>receive(list, client)).isSameAs(list);

        Object handed = Crossing.from(server).receiverTrusted(false).handOverReturnValue(List.of(point()));
        assertThat(handed).isInstanceOf(InTransit.class);
        List<?> received = InTransit.receive(handed, client);
        assertThat(received.get(0)).isExactlyInstanceOf(Point.class);

        Object arguments = Crossing.from(client).handOverArguments(Arguments.of(point(), 2));
        assertThat(arguments).isInstanceOf(InTransit.class);
        Arguments args = InTransit.receive(arguments, server);
        assertThat(args.args()).hasSize(2).element(0).isExactlyInstanceOf(Point.class);
        assertThat(args.get(1)).isEqualTo(2L);
    }

    @Test
    @DisplayName("[SESS-04] portable objects may be stored in the session, and are rebuilt from it")
    void sess04_portableObjectsInTheSession() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("p", point());

        Map<String, Object> stored = Crossing.from(UTC).sessionData(data);

        assertThat(stored.get("p")).isExactlyInstanceOf(Point.class).isNotSameAs(data.get("p"));
    }

    @Test
    @DisplayName("[PORT-03] random trees of containers and portable objects cross unchanged (property)")
    void port03_randomTreesRoundTrip() {
        for (long seed = 1; seed <= 200; seed++) {
            java.util.Random random = new java.util.Random(seed);
            Object tree = Trees.tree(random, 0);
            Object copy = Crossing.from(UTC).returnValue(tree);
            assertThat(Trees.canonical(copy)).as("seed %d", seed).isEqualTo(Trees.canonical(tree));
            assertThat(Trees.sharesPortableObjects(tree, copy)).as("seed %d", seed).isFalse();
        }
    }

    /** Random values mixing containers, scalars and portable objects. */
    static final class Trees {
        private Trees() {}

        static Object tree(java.util.Random random, int depth) {
            int pick = depth > 5 ? random.nextInt(3) : random.nextInt(7);
            switch (pick) {
                case 0:
                    return (long) random.nextInt(1000);
                case 1:
                    return "s" + random.nextInt(50);
                case 2:
                    return random.nextBoolean() ? null : random.nextDouble();
                case 3: {
                    List<Object> list = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        list.add(tree(random, depth + 1));
                    }
                    return list;
                }
                case 4: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        map.put("k" + random.nextInt(10), tree(random, depth + 1));
                    }
                    return map;
                }
                case 5: {
                    Node node = new Node();
                    node.next = tree(random, depth + 1);
                    return node;
                }
                default: {
                    Outer outer = new Outer();
                    outer.child = new Inner();
                    outer.child.name = "n" + random.nextInt(5);
                    return outer;
                }
            }
        }

        /** A comparable form: portable objects as lists naming their class and state. */
        static Object canonical(Object value) {
            if (value instanceof Node n) {
                return List.of("Node", Objects.requireNonNullElse(canonical(n.next), "null"));
            }
            if (value instanceof Outer o) {
                return List.of("Outer", o.child.name);
            }
            if (value instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                l.forEach(x -> out.add(canonical(x)));
                return out;
            }
            if (value instanceof Map<?, ?> m) {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(k, canonical(v)));
                return out;
            }
            return value;
        }

        static boolean sharesPortableObjects(Object a, Object b) {
            if (a == null || b == null) {
                return false;
            }
            if ((a instanceof Node || a instanceof Outer) && a == b) {
                return true;
            }
            if (a instanceof Node na && b instanceof Node nb) {
                return sharesPortableObjects(na.next, nb.next);
            }
            if (a instanceof List<?> la && b instanceof List<?> lb) {
                for (int i = 0; i < la.size(); i++) {
                    if (sharesPortableObjects(la.get(i), lb.get(i))) {
                        return true;
                    }
                }
            }
            if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                for (Map.Entry<?, ?> e : ma.entrySet()) {
                    if (sharesPortableObjects(e.getValue(), mb.get(e.getKey()))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
