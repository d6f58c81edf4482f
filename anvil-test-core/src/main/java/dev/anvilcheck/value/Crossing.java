package dev.anvilcheck.value;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.host.WireError;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What happens to a value when it crosses a call boundary: the receiver gets a deep copy in
 * canonical form, or the sender gets a {@link SerializationError} naming the failing path
 * (SER-01..15, CALL-03, CALL-20, CALL-21, SESS-04, SESS-05, MEDIA-01..05, PORT-01..12). A copy maps
 * <ul>
 *   <li>{@code null}, {@link Boolean}, {@link String} and {@link Double} (NaN and infinities
 *       included, SER-05) to themselves; {@link Float} to {@link Double};</li>
 *   <li>{@link Integer}, {@link Short}, {@link Byte} and {@link Long} to {@link Long}, and
 *       {@link BigInteger} to {@link Long} when it fits in 64 bits, else to itself (SER-06);</li>
 *   <li>every {@link List} and every {@code Object[]} (Python's tuple, SER-03) to a new
 *       {@link ArrayList}, and every {@link Map} whose keys are all strings to a new
 *       {@link LinkedHashMap} in the same iteration order (SER-02); each is a fresh, mutable,
 *       unshared copy, so aliasing is not preserved (SER-10);</li>
 *   <li>{@link LocalDate} to itself (SER-07); {@link OffsetDateTime} and {@link ZonedDateTime} to an
 *       {@link OffsetDateTime} at the same instant, truncated to microseconds, whose offset has
 *       whole minutes (seconds of an offset are dropped, towards zero, at the same instant; the
 *       zone name is lost, SER-08); a naive {@link LocalDateTime} to an {@link OffsetDateTime}
 *       stamped with the sender zone's offset at that local date-time (SER-09; in a DST gap or
 *       overlap, the offset before the transition, as {@link java.time.zone.ZoneRules#getOffset(LocalDateTime)});</li>
 *   <li>{@link Media} to a new {@link BlobMedia} with the same content type, bytes and name, but
 *       no URL (MEDIA-01); a Media whose bytes cannot be read while it is sent to an
 *       {@link UndeliveredMedia} with the same content type and name whose bytes raise that
 *       error, as it crosses the wire (MEDIA-03); a {@link LazyMedia} to a new, unfetched
 *       reference to the same media (MEDIA-04);</li>
 *   <li>{@link Capability} to the capability the crossing's {@link CapabilityTranslator} gives for
 *       it: by default a new capability with the same base scope, narrowing and MAC; a runtime's
 *       translator issues, checks and ties MACs to sessions (CAP-08, CAP-15, CAP-20); a background
 *       {@link Task} handle to itself, since it is a live object that travels by reference
 *       (TASK-17);</li>
 *   <li>an instance of a portable class ({@link dev.anvilcheck.server.PortableClass}) known to the
 *       sender to a new instance of the class the receiver knows by the same name, built from a
 *       copy of its data without a constructor, and a portable class object to the receiver's
 *       class of that name (PORT-03..09). Portable objects are reconstructed only when the
 *       receiver receives them ({@link InTransit}), after the objects inside them (PORT-09).</li>
 * </ul>
 * Everything else is refused (SER-04): sets, queues and other collections, {@code byte[]} and
 * every primitive array, {@link java.math.BigDecimal}, {@link Character}, mutable numbers such as
 * {@link java.util.concurrent.atomic.AtomicLong}, {@link java.time.Instant}, {@link java.time.LocalTime},
 * durations, enums, records, {@link dev.anvilcheck.server.Kwargs}, objects of any other class, and
 * instances or class objects of an unregistered subclass of a portable class, with
 * {@code "... (must be registered with @anvil.server.portable_class)"} (PORT-06).
 * A container or portable object that contains itself is refused as a circular reference (SER-11).
 * Nesting depth of containers is limited only by memory: below 64 nested containers the copy
 * switches from recursion to an explicit stack that also tracks the containers on the current
 * path, so shallow values pay for no bookkeeping. Portable objects nest by recursion, as in the
 * platform, up to 256 inside each other.
 *
 * <p>A {@code Crossing} describes one boundary and is then asked to copy values across it for one
 * purpose each, typed by what crosses: {@link #from(Side)} names the sender, and three settings
 * have defaults: {@link #to(Side)} the receiver (the sender itself),
 * {@link #receiverTrusted(boolean)} what {@code serialize} hooks are told of it (the receiver's
 * trust) and {@link #capabilities(CapabilityTranslator)} how capabilities cross
 * ({@link CapabilityTranslator#COPY}). The purpose decides the error's message and where in-memory
 * Media is refused (MEDIA-05): call arguments and return values ({@link #arguments},
 * {@link #returnValue}, their two-step forms {@code send…} and {@code handOver…}), session data
 * ({@link #sessionData}), task state ({@link #taskState}), a task's return value
 * ({@link #taskReturnValue}), cookie values ({@link #cookieValue}) and one value at any path
 * ({@link #copy}); {@link LazyMedia} is allowed in all of them. For example,
 * {@code Crossing.from(callee).to(caller).returnValue(result)}. A crossing is immutable and
 * thread-safe, each setting returns a new one, and it may be kept and reused. Every copy allocates
 * one object besides the copy itself, its {@link InTransit} (none when a hand-over needs none), and
 * never modifies its input.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Crossing {
    private final Side sender;
    private final Side receiver;
    /** What {@code serialize} hooks are told of the receiver, or {@code null} for the receiver's own trust. */
    private final Boolean receiverTrusted;
    private final CapabilityTranslator capabilities;

    private Crossing(Side sender, Side receiver, Boolean receiverTrusted, CapabilityTranslator capabilities) {
        this.sender = sender;
        this.receiver = receiver;
        this.receiverTrusted = receiverTrusted;
        this.capabilities = capabilities;
    }

    /**
     * A crossing from {@code sender}, whose zone stamps the naive date-times it sends (SER-09),
     * whose portable classes name the objects it sends (PORT-02) and whose trust {@code deserialize}
     * hooks are told (PORT-05); it is received on the sender's own side, and copies capabilities as
     * they are, until {@link #to(Side)} and {@link #capabilities(CapabilityTranslator)} say otherwise.
     *
     * @param sender the sending side
     * @return the crossing
     * @throws NullPointerException if {@code sender} is {@code null}
     */
    public static Crossing from(Side sender) {
        Objects.requireNonNull(sender, "sender");
        return new Crossing(sender, sender, null, CapabilityTranslator.COPY);
    }

    /**
     * A crossing from a trusted sender in {@code senderZone} that knows the process-wide portable
     * classes ({@link PortableClasses#global()}), received on that same side unless
     * {@link #to(Side)} says otherwise: {@code from(Side.of(senderZone))}.
     *
     * @param senderZone the sender's time zone, which stamps naive date-times (SER-09)
     * @return the crossing
     * @throws NullPointerException if {@code senderZone} is {@code null}
     */
    public static Crossing from(ZoneId senderZone) {
        return from(Side.of(Objects.requireNonNull(senderZone, "senderZone")));
    }

    /**
     * This crossing received by {@code receiver}, whose registry reconstructs the portable objects
     * that cross (PORT-04, PORT-08) and whose trust {@code deserialize} hooks are told; unless
     * {@link #receiverTrusted(boolean)} is set, {@code serialize} hooks are told its trust too. It
     * is the receiver of the one-step methods; a two-step crossing ({@code send…},
     * {@code handOver…}) is received by whichever side calls {@link InTransit#receive(Side)}.
     *
     * @param receiver the receiving side; by default the sender
     * @return a crossing like this one, to {@code receiver}
     * @throws NullPointerException if {@code receiver} is {@code null}
     */
    public Crossing to(Side receiver) {
        return new Crossing(sender, Objects.requireNonNull(receiver, "receiver"), receiverTrusted, capabilities);
    }

    /**
     * This crossing with {@code serialize} hooks told that the receiver is (or is not) trusted
     * (PORT-05), whatever the receiver's own trust; for a two-step crossing whose receiver is not
     * yet known, or a value written out for an untrusted party on the sender's side. Call
     * arguments, session data and cookie values are received by server code only, which hooks are
     * always told is trusted.
     *
     * @param trusted whether hooks are told the receiver is trusted; by default the receiver's trust
     * @return a crossing like this one, with that receiver trust
     */
    public Crossing receiverTrusted(boolean trusted) {
        return new Crossing(sender, receiver, trusted, capabilities);
    }

    /**
     * This crossing with every capability in what crosses translated by {@code capabilities}
     * (CAP-08, CAP-15, CAP-20); an Anvil error it throws propagates unchanged.
     *
     * @param capabilities how capabilities cross; by default {@link CapabilityTranslator#COPY}
     * @return a crossing like this one, with that translator
     * @throws NullPointerException if {@code capabilities} is {@code null}
     */
    public Crossing capabilities(CapabilityTranslator capabilities) {
        return new Crossing(sender, receiver, receiverTrusted,
                Objects.requireNonNull(capabilities, "capabilities"));
    }

    /** What {@code serialize} hooks are told of the receiver. */
    private boolean trusted() {
        Boolean t = receiverTrusted;
        return t != null ? t : receiver.trusted();
    }

    // ---------------------------------------------------------------- call arguments

    /**
     * Copies call arguments from the sender to the receiver in one step: positional arguments stay
     * positional, keyword arguments keep their names and order (CALL-03, SER-15), each value
     * copied by the rules of this class; it is {@link #sendArguments} then
     * {@link InTransit#receive(Side)} on the receiver.
     *
     * @param args the arguments as the caller wrote them
     * @return the arguments the callee receives
     * @throws SerializationError if a value cannot cross (CALL-20), as {@link #sendArguments} says,
     *     or if the receiver cannot reconstruct it, as {@link InTransit#receive(Side)} says
     * @throws NullPointerException if {@code args} is {@code null}
     */
    public Arguments arguments(Arguments args) {
        return Sending.arguments(args, sender, capabilities).receive(receiver);
    }

    /**
     * Serialises call arguments on the caller's side (CALL-03, CALL-20, SER-15): everything is
     * copied and checked now, and portable objects are reconstructed when the callee receives
     * them. The callee is server code or a server uplink, which {@code serialize} hooks are told is
     * trusted.
     *
     * @param args the arguments as the caller wrote them
     * @return the arguments in transit
     * @throws SerializationError if a value cannot cross; its message is
     *     {@code "Cannot serialize arguments to function. "} followed by the problem and its path,
     *     {@code msg['args'][i]…}, {@code msg['kwargs']['name']…} or, for shared data of portable
     *     classes, {@code msg['vt_global']…}
     * @throws NullPointerException if {@code args} is {@code null}
     */
    public InTransit<Arguments> sendArguments(Arguments args) {
        return Sending.arguments(args, sender, capabilities);
    }

    /**
     * Serialises call arguments as {@link #sendArguments} does and hands them over for the callee
     * to receive later with {@link InTransit#receive(Object, Side)}: the {@link Arguments} the
     * callee gets when nothing waits to be reconstructed (a copy needs no receiver then, and is
     * the same on every side), else their {@code InTransit<Arguments>}. No arguments at all hand
     * over {@link Arguments#none()}. A runtime that receives on the callee's side so keeps no
     * crossing object alive on a call without portable objects (CALL-03, CALL-20, PORT-04,
     * PORT-08).
     *
     * @param args the arguments as the caller wrote them
     * @return the {@link Arguments} the callee gets, or an {@code InTransit<Arguments>}
     * @throws SerializationError if a value cannot cross (CALL-20)
     * @throws NullPointerException if {@code args} is {@code null}
     */
    public Object handOverArguments(Arguments args) {
        return Sending.handOverArguments(args, sender, capabilities);
    }

    // ---------------------------------------------------------------- return values

    /**
     * Copies a function's return value from the callee (the sender) to the caller (the receiver) in
     * one step (CALL-04, CALL-21): {@link #sendReturnValue} then {@link InTransit#receive(Side)} on
     * the receiver.
     *
     * @param value the return value
     * @return the value the caller receives
     * @throws SerializationError if the value cannot cross, as {@link #sendReturnValue} says, or if
     *     the receiver cannot reconstruct it, as {@link InTransit#receive(Side)} says
     */
    public Object returnValue(Object value) {
        return Sending.returnValue(value, sender, trusted(), capabilities).receive(receiver);
    }

    /**
     * Serialises a return value on the callee's side (CALL-04, CALL-21); portable objects are
     * reconstructed when the caller receives it.
     *
     * @param value the return value
     * @return the value in transit
     * @throws SerializationError if the value cannot cross; its message is
     *     {@code "Cannot serialize return value from function. "} followed by the problem and its
     *     path, rooted at {@code msg['response']}
     */
    public InTransit<Object> sendReturnValue(Object value) {
        return Sending.returnValue(value, sender, trusted(), capabilities);
    }

    /**
     * Serialises a return value as {@link #sendReturnValue} does and hands it over for the caller
     * to receive later with {@link InTransit#receive(Object, Side)}: the copy when nothing waits to
     * be reconstructed, else its {@code InTransit<Object>}. A value that is its own copy
     * ({@code null}, strings, longs, doubles, booleans) is handed over as it is, with no crossing
     * object made (CALL-04, CALL-21).
     *
     * @param value the return value
     * @return the copy, or an {@code InTransit<Object>}
     * @throws SerializationError if the value cannot cross (CALL-21)
     */
    public Object handOverReturnValue(Object value) {
        return Sending.handOverReturnValue(value, sender, trusted(), capabilities);
    }

    // ---------------------------------------------------------------- stored values

    /**
     * Copies session data for commit when a server function returns (SESS-04, SESS-05, SESS-07):
     * by the rules of a return value, except that in-memory Media anywhere inside is refused
     * (MEDIA-05); {@link LazyMedia} is allowed (SESS-06). The sender is the server code that
     * stored the values, whose zone stamps naive date-times (SER-09); the receiver, server code
     * that reads them back, reconstructs the portable objects in it.
     *
     * @param data the session's keys and values
     * @return a new map with copies of the values, in the same order
     * @throws SerializationError if a value cannot be stored; its message starts
     *     {@code "Tried to store illegal value in a anvil.server.session. "} and names the path,
     *     rooted at {@code msg['session']}, e.g. {@code msg['session']['key'][0]}
     * @throws NullPointerException if {@code data} is {@code null}
     */
    public Map<String, Object> sessionData(Map<String, ?> data) {
        @SuppressWarnings("unchecked")
        Map<String, Object> received = (Map<String, Object>) Sending.sessionData(data, sender, capabilities)
                .receive(receiver);
        return received;
    }

    /**
     * Copies a background task's state ({@code anvil.server.task_state}) from the task (the
     * sender) to whoever reads it (the receiver) (TASK-07, MEDIA-05): by the rules of a return
     * value, except that in-memory Media is refused; {@link LazyMedia} is allowed.
     *
     * @param state the task state
     * @return the copy the reader gets, a new map in the same order; {@code null} for {@code null}
     * @throws SerializationError if the state cannot cross; its message starts
     *     {@code "Illegal value in a anvil.server.task_state. "}, e.g.
     *     {@code "... Cannot use BlobMedia objects in task state at msg['response']['file']"}
     */
    public Map<String, Object> taskState(Map<String, ?> state) {
        @SuppressWarnings("unchecked")
        Map<String, Object> received = (Map<String, Object>) Sending.taskState(state, sender, trusted(),
                capabilities).receive(receiver);
        return received;
    }

    /**
     * Copies a background task's return value from the task (the sender) to whoever reads it (the
     * receiver) (TASK-12, TASK-21, MEDIA-05): by the rules of a return value, except that in-memory
     * Media, which the platform cannot record, fails the task with the platform's message;
     * {@link LazyMedia} is allowed. The platform records that failure as an error without a type;
     * a runtime may do so with {@code new WireError(null, e.getMessage(), List.of())}.
     *
     * @param value the task function's return value
     * @return the copy the reader gets
     * @throws SerializationError {@code "The state or return value could not be serialised"} for
     *     in-memory Media; for any other value that cannot cross, the error of
     *     {@link #sendReturnValue}
     */
    public Object taskReturnValue(Object value) {
        return Sending.taskReturnValue(value, sender, trusted(), capabilities).receive(receiver);
    }

    /**
     * Copies a value to be stored in a cookie by server code (the sender) and read back by server
     * code (the receiver) (SESS-16, SESS-17, MEDIA-05): by the rules of a return value, except that
     * in-memory Media is refused as the platform refuses it, with an error that has no wire type;
     * {@link LazyMedia} is allowed.
     *
     * @param value the value
     * @param root the path of the value in its message, for errors, e.g. {@code msg['kwargs']['k']}
     * @return the copy that is stored
     * @throws AnvilWrappedError with an untyped {@link WireError} {@code "Cannot store Media in cookies."}
     *     for in-memory Media
     * @throws SerializationError for any other value that cannot cross, naming its path below
     *     {@code root}, without a prefix
     * @throws NullPointerException if {@code root} is {@code null}
     */
    public Object cookieValue(Object value, ValuePath root) {
        return Sending.cookieValue(value, sender, root, capabilities).receive(receiver);
    }

    // ---------------------------------------------------------------- any value

    /**
     * Copies one value by the rules of this class from the sender to the receiver, naming failures
     * by paths below {@code root} (SER-01..11, SER-14). The other methods of this class are this
     * copy plus their message prefix, root and Media rule.
     *
     * @param value the value to copy
     * @param root the path of {@code value} in its message
     * @return the copy
     * @throws SerializationError if the value cannot cross, e.g.
     *     {@code "Cannot serialize java.util.HashSet object at msg['response'][1]"}
     * @throws NullPointerException if {@code root} is {@code null}
     */
    public Object copy(Object value, ValuePath root) {
        return Sending.value(value, sender, trusted(), root, capabilities).receive(receiver);
    }

    @Override
    public String toString() {
        return "Crossing[from " + sender + (receiver == sender ? "" : " to " + receiver)
                + (receiverTrusted == null ? "" : ", receiver trusted: " + receiverTrusted)
                + (capabilities == CapabilityTranslator.COPY ? "" : ", capabilities: " + capabilities) + "]";
    }
}
