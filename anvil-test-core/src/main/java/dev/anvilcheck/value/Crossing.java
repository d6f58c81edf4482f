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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
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
 *       no URL (MEDIA-01); a Media whose bytes cannot be read while it is sent to a Media with
 *       the same content type and name whose bytes raise that error, as it crosses the wire
 *       (MEDIA-03); a {@link LazyMedia} to a new, unfetched reference to the same media
 *       (MEDIA-04);</li>
 *   <li>{@link Capability} to the capability a {@link CapabilityTranslator} gives for it: by
 *       default a new capability with the same base scope, narrowing and MAC; a runtime's
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
 * <p>Each entry point copies for one purpose, which decides where in-memory Media is refused
 * (MEDIA-05): call arguments and return values ({@link #sendArguments}, {@link #sendReturnValue}
 * and their one-step forms), session data ({@link #sessionDataOn}), task state
 * ({@link #taskState}), a task's return value ({@link #taskReturnValue}) and cookie values
 * ({@link #cookieValue}); {@link LazyMedia} is allowed in all of them. The forms that take only a
 * {@link ZoneId} use the process-wide portable classes on both sides; those without a
 * {@link CapabilityTranslator} copy capabilities as they are ({@link CapabilityTranslator#COPY}).
 * Every crossing allocates one object besides its copy. Methods are thread-safe and never modify
 * their input.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Crossing {
    /** Nesting depth from which a copy walks with an explicit stack and tracks cycles. */
    static final int TRACKING_DEPTH = 64;

    private static final String ARGUMENTS_PREFIX = "Cannot serialize arguments to function. ";
    private static final String RETURN_PREFIX = "Cannot serialize return value from function. ";
    private static final String SESSION_PREFIX = "Tried to store illegal value in a anvil.server.session. ";
    private static final String TASK_STATE_PREFIX = "Illegal value in a anvil.server.task_state. ";
    private static final String TASK_RESULT_MEDIA = "The state or return value could not be serialised";
    private static final String COOKIE_MEDIA = "Cannot store Media in cookies.";
    private static final ValuePath ARGS = ValuePath.root().key("args");
    private static final ValuePath KWARGS = ValuePath.root().key("kwargs");
    private static final ValuePath RESPONSE = ValuePath.root().key("response");
    private static final ValuePath SESSION = ValuePath.root().key("session");
    private static final ValuePath SHARED = ValuePath.root().key("vt_global");

    private Crossing() {}

    /**
     * The receiver's copy of a Media whose sender failed to deliver its content (MEDIA-03): it has
     * the content type and name that were sent, and reading its bytes or length raises
     * {@code error} as it crosses the wire. For codecs and runtimes that receive Media.
     *
     * @param contentType the content type that was sent
     * @param name the name that was sent, or {@code null}
     * @param error the sender's error
     * @return the Media
     */
    public static Media undeliveredMedia(String contentType, String name, WireError error) {
        return new UndeliveredMedia(contentType, name, Objects.requireNonNull(error, "error"));
    }

    // ---------------------------------------------------------------- call arguments

    /**
     * Copies call arguments as the sender in {@code senderZone} sends them: positional arguments
     * stay positional, keyword arguments keep their names and order (CALL-03, SER-15), each value
     * copied by the rules of this class. Fails before anything is sent (CALL-20). Portable classes
     * are those of {@link PortableClasses#global()} on both sides.
     *
     * @param args the arguments as the caller wrote them
     * @param senderZone the sender's time zone, which stamps naive date-times (SER-09)
     * @return the arguments the callee receives
     * @throws SerializationError if a value cannot cross; its message is
     *     {@code "Cannot serialize arguments to function. "} followed by the problem and its path,
     *     {@code msg['args'][i]…} or {@code msg['kwargs']['name']…}
     * @throws NullPointerException if {@code args} or {@code senderZone} is {@code null}
     */
    public static Arguments arguments(Arguments args, ZoneId senderZone) {
        return arguments(args, senderZone, CapabilityTranslator.COPY);
    }

    /**
     * Copies call arguments as {@link #arguments(Arguments, ZoneId)} does, translating every
     * capability among them with {@code capabilities} (CAP-08, CAP-20).
     *
     * @param args the arguments as the caller wrote them
     * @param senderZone the sender's time zone (SER-09)
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the arguments the callee receives
     * @throws SerializationError if a value cannot cross (CALL-20)
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Arguments arguments(Arguments args, ZoneId senderZone, CapabilityTranslator capabilities) {
        Side side = Side.of(Objects.requireNonNull(senderZone, "senderZone"));
        return sendArguments(args, side, capabilities).receive(side);
    }

    /**
     * Copies call arguments from {@code sender} to {@code receiver} in one step:
     * {@link #sendArguments} then {@link InTransit#receive}.
     *
     * @param args the arguments as the caller wrote them
     * @param sender the calling side
     * @param receiver the called side
     * @return the arguments the callee receives
     * @throws SerializationError as {@link #sendArguments} and {@link InTransit#receive} say
     */
    public static Arguments arguments(Arguments args, Side sender, Side receiver) {
        return sendArguments(args, sender).receive(receiver);
    }

    /**
     * Serialises call arguments on the caller's side (CALL-03, CALL-20, SER-15), copying
     * capabilities as they are: see {@link #sendArguments(Arguments, Side, CapabilityTranslator)}.
     *
     * @param args the arguments as the caller wrote them
     * @param sender the calling side
     * @return the arguments in transit
     * @throws SerializationError if a value cannot cross (CALL-20)
     * @throws NullPointerException if {@code args} or {@code sender} is {@code null}
     */
    public static InTransit<Arguments> sendArguments(Arguments args, Side sender) {
        return sendArguments(args, sender, CapabilityTranslator.COPY);
    }

    /**
     * Serialises call arguments on the caller's side (CALL-03, CALL-20, SER-15): everything is
     * copied and checked now, each capability translated with {@code capabilities} (CAP-08,
     * CAP-20), and portable objects are reconstructed when the callee receives them. The callee is
     * server code or a server uplink, which {@code serialize} hooks see as trusted.
     *
     * @param args the arguments as the caller wrote them
     * @param sender the calling side
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the arguments in transit
     * @throws SerializationError if a value cannot cross; its message is
     *     {@code "Cannot serialize arguments to function. "} followed by the problem and its path,
     *     {@code msg['args'][i]…}, {@code msg['kwargs']['name']…} or, for shared data of portable
     *     classes, {@code msg['vt_global']…}
     * @throws NullPointerException if an argument is {@code null}
     */
    public static InTransit<Arguments> sendArguments(Arguments args, Side sender, CapabilityTranslator capabilities) {
        Objects.requireNonNull(args, "args");
        InTransit<Arguments> transit = new InTransit<>(Objects.requireNonNull(sender, "sender"), Rules.CALL, true,
                Objects.requireNonNull(capabilities, "capabilities"));
        List<Object> positional = args.args();
        Map<String, Object> keywords = args.kwargs();
        Object copiedArgs;
        try {
            copiedArgs = positional.isEmpty() ? List.of() : copyRooted(positional, transit);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, ARGS);
        }
        Object copiedKwargs;
        try {
            copiedKwargs = keywords.isEmpty() ? Map.of() : copyRooted(keywords, transit);
        } catch (Refusal r) {
            throw error(ARGUMENTS_PREFIX, r, KWARGS);
        }
        @SuppressWarnings("unchecked")
        Arguments copied = new Arguments((List<Object>) copiedArgs, (Map<String, Object>) copiedKwargs);
        transit.sent(copied, ARGS);
        sendShared(transit, ARGUMENTS_PREFIX);
        return transit;
    }

    /**
     * Serialises call arguments as {@link #sendArguments(Arguments, Side, CapabilityTranslator)}
     * does and hands them over for the callee to receive later with
     * {@link InTransit#receive(Object, Side)}: the arguments the callee gets when nothing waits to
     * be reconstructed (a copy needs no receiver then, and is the same on every side), else their
     * {@link InTransit}. No arguments at all hand over {@link Arguments#none()}. A runtime that
     * receives on the callee's side so keeps no crossing object alive on a call without portable
     * objects (CALL-03, CALL-20, PORT-04, PORT-08).
     *
     * @param args the arguments as the caller wrote them
     * @param sender the calling side
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the {@link Arguments} the callee gets, or an {@code InTransit<Arguments>}
     * @throws SerializationError if a value cannot cross (CALL-20)
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Object handOverArguments(Arguments args, Side sender, CapabilityTranslator capabilities) {
        if (args.args().isEmpty() && args.kwargs().isEmpty()) {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(capabilities, "capabilities");
            return Arguments.none();
        }
        return handOver(sendArguments(args, sender, capabilities));
    }

    // ---------------------------------------------------------------- return values

    /**
     * Copies a function's return value as the callee in {@code senderZone} sends it back
     * (CALL-04, CALL-21), with the portable classes of {@link PortableClasses#global()} on both
     * sides.
     *
     * @param value the return value
     * @param senderZone the callee's time zone, which stamps naive date-times (SER-09)
     * @return the value the caller receives
     * @throws SerializationError if the value cannot cross; its message is
     *     {@code "Cannot serialize return value from function. "} followed by the problem and its
     *     path, rooted at {@code msg['response']}
     * @throws NullPointerException if {@code senderZone} is {@code null}
     */
    public static Object returnValue(Object value, ZoneId senderZone) {
        return returnValue(value, senderZone, CapabilityTranslator.COPY);
    }

    /**
     * Copies a return value as {@link #returnValue(Object, ZoneId)} does, translating every
     * capability in it with {@code capabilities} (CAP-08).
     *
     * @param value the return value
     * @param senderZone the callee's time zone (SER-09)
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the value the caller receives
     * @throws SerializationError if the value cannot cross (CALL-21)
     * @throws NullPointerException if {@code senderZone} or {@code capabilities} is {@code null}
     */
    public static Object returnValue(Object value, ZoneId senderZone, CapabilityTranslator capabilities) {
        Side side = Side.of(Objects.requireNonNull(senderZone, "senderZone"));
        return sendReturnValue(value, side, true, capabilities).receive(side);
    }

    /**
     * Copies a return value from {@code sender} to {@code receiver} in one step:
     * {@link #sendReturnValue} then {@link InTransit#receive}.
     *
     * @param value the return value
     * @param sender the called side
     * @param receiver the calling side
     * @return the value the caller receives
     * @throws SerializationError as {@link #sendReturnValue} and {@link InTransit#receive} say
     */
    public static Object returnValue(Object value, Side sender, Side receiver) {
        return returnValue(value, sender, receiver, CapabilityTranslator.COPY);
    }

    /**
     * Copies a return value from {@code sender} to {@code receiver} in one step, translating every
     * capability in it with {@code capabilities} (CAP-08).
     *
     * @param value the return value
     * @param sender the called side
     * @param receiver the calling side
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the value the caller receives
     * @throws SerializationError as {@link #sendReturnValue} and {@link InTransit#receive} say
     */
    public static Object returnValue(Object value, Side sender, Side receiver, CapabilityTranslator capabilities) {
        Objects.requireNonNull(receiver, "receiver");
        return sendReturnValue(value, sender, receiver.trusted(), capabilities).receive(receiver);
    }

    /**
     * Serialises a return value on the callee's side (CALL-04, CALL-21), copying capabilities as
     * they are: see {@link #sendReturnValue(Object, Side, boolean, CapabilityTranslator)}.
     *
     * @param value the return value
     * @param sender the called side
     * @param receiverTrusted whether the caller is trusted, as {@code serialize} hooks see it
     * @return the value in transit
     * @throws SerializationError if the value cannot cross (CALL-21)
     * @throws NullPointerException if {@code sender} is {@code null}
     */
    public static InTransit<Object> sendReturnValue(Object value, Side sender, boolean receiverTrusted) {
        return sendReturnValue(value, sender, receiverTrusted, CapabilityTranslator.COPY);
    }

    /**
     * Serialises a return value on the callee's side (CALL-04, CALL-21), translating every
     * capability in it with {@code capabilities} (CAP-08); portable objects are reconstructed when
     * the caller receives it.
     *
     * @param value the return value
     * @param sender the called side
     * @param receiverTrusted whether the caller is trusted, as {@code serialize} hooks see it
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the value in transit
     * @throws SerializationError if the value cannot cross; its message is
     *     {@code "Cannot serialize return value from function. "} followed by the problem and its
     *     path, rooted at {@code msg['response']}
     * @throws NullPointerException if {@code sender} or {@code capabilities} is {@code null}
     */
    public static InTransit<Object> sendReturnValue(Object value, Side sender, boolean receiverTrusted,
            CapabilityTranslator capabilities) {
        return sendOne(value, sender, Rules.CALL, receiverTrusted,
                Objects.requireNonNull(capabilities, "capabilities"), RETURN_PREFIX, RESPONSE);
    }

    /**
     * Serialises a return value as {@link #sendReturnValue(Object, Side, boolean, CapabilityTranslator)}
     * does and hands it over for the caller to receive later with
     * {@link InTransit#receive(Object, Side)}: the copy when nothing waits to be reconstructed,
     * else its {@link InTransit}. A value that is its own copy ({@code null}, strings, longs,
     * doubles, booleans) is handed over as it is, with no crossing object made (CALL-04, CALL-21).
     *
     * @param value the return value
     * @param sender the called side
     * @param receiverTrusted whether the caller is trusted, as {@code serialize} hooks see it
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the copy, or an {@code InTransit<Object>}
     * @throws SerializationError if the value cannot cross (CALL-21)
     * @throws NullPointerException if {@code sender} or {@code capabilities} is {@code null}
     */
    public static Object handOverReturnValue(Object value, Side sender, boolean receiverTrusted,
            CapabilityTranslator capabilities) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(capabilities, "capabilities");
            return value;
        }
        return handOver(sendReturnValue(value, sender, receiverTrusted, capabilities));
    }

    /** The copy itself if it needs no receiver (its sender may receive it), else the crossing. */
    private static Object handOver(InTransit<?> sent) {
        return sent.needsReceiver() ? sent : sent.receive(sent.sender);
    }

    // ---------------------------------------------------------------- stored values

    /**
     * Copies session data for commit when a server function returns (SESS-04, SESS-05, SESS-07).
     * Session values follow the rules of a return value, except that in-memory Media anywhere
     * inside is refused (MEDIA-05); {@link LazyMedia} is allowed (SESS-06). Portable classes are
     * those of {@link PortableClasses#global()}.
     *
     * @param data the session's keys and values
     * @param senderZone the zone of the code that stored the values, which stamps naive
     *     date-times (SER-09)
     * @return a new map with copies of the values, in the same order
     * @throws SerializationError if a value cannot be stored; its message starts
     *     {@code "Tried to store illegal value in a anvil.server.session. "} and names the path,
     *     rooted at {@code msg['session']}, e.g. {@code msg['session']['key'][0]}
     * @throws NullPointerException if {@code data} or {@code senderZone} is {@code null}
     */
    public static Map<String, Object> sessionData(Map<String, ?> data, ZoneId senderZone) {
        Objects.requireNonNull(senderZone, "senderZone");
        return sessionDataOn(data, Side.of(senderZone));
    }

    /**
     * Copies session data as {@link #sessionData(Map, ZoneId)} does, on the side of the server code
     * that stores it and later reads it back (SESS-04..07, SESS-06, MEDIA-05); portable objects in
     * it are reconstructed by {@code server}'s registry.
     *
     * @param data the session's keys and values
     * @param server the side of the code that stored the values
     * @return a new map with copies of the values, in the same order
     * @throws SerializationError as {@link #sessionData(Map, ZoneId)} says
     * @throws NullPointerException if {@code data} or {@code server} is {@code null}
     */
    public static Map<String, Object> sessionDataOn(Map<String, ?> data, Side server) {
        Objects.requireNonNull(data, "data");
        @SuppressWarnings("unchecked")
        Map<String, Object> received = (Map<String, Object>) sendOne(data, server, Rules.SESSION, true,
                CapabilityTranslator.COPY, SESSION_PREFIX, SESSION).receive(server);
        return received;
    }

    /**
     * Copies a background task's state ({@code anvil.server.task_state}) from the task to whoever
     * reads it (TASK-07, MEDIA-05): by the rules of a return value, except that in-memory Media is
     * refused; {@link LazyMedia} is allowed.
     *
     * @param state the task state, usually a map
     * @param task the task's side
     * @param reader the side that reads the state
     * @return the copy the reader gets
     * @throws SerializationError if the state cannot cross; its message starts
     *     {@code "Illegal value in a anvil.server.task_state. "}, e.g.
     *     {@code "... Cannot use BlobMedia objects in task state at msg['response']['file']"}
     * @throws NullPointerException if {@code task} or {@code reader} is {@code null}
     */
    public static Object taskState(Object state, Side task, Side reader) {
        Objects.requireNonNull(reader, "reader");
        return sendOne(state, task, Rules.TASK_STATE, reader.trusted(), CapabilityTranslator.COPY,
                TASK_STATE_PREFIX, RESPONSE).receive(reader);
    }

    /**
     * Copies a background task's return value to whoever reads it (TASK-12, TASK-21, MEDIA-05),
     * copying capabilities as they are: see
     * {@link #taskReturnValue(Object, Side, Side, CapabilityTranslator)}.
     *
     * @param value the task function's return value
     * @param task the task's side
     * @param reader the side that reads the return value
     * @return the copy the reader gets
     * @throws SerializationError {@code "The state or return value could not be serialised"} for
     *     in-memory Media; for any other value that cannot cross, the error of
     *     {@link #sendReturnValue}
     * @throws NullPointerException if {@code task} or {@code reader} is {@code null}
     */
    public static Object taskReturnValue(Object value, Side task, Side reader) {
        return taskReturnValue(value, task, reader, CapabilityTranslator.COPY);
    }

    /**
     * Copies a background task's return value to whoever reads it (TASK-12, TASK-21, MEDIA-05): by
     * the rules of a return value, each capability translated with {@code capabilities} (CAP-08),
     * except that in-memory Media, which the platform cannot record, fails the task with the
     * platform's message; {@link LazyMedia} is allowed. The platform records that failure as an
     * error without a type; a runtime may do so with
     * {@code new WireError(null, e.getMessage(), List.of())}.
     *
     * @param value the task function's return value
     * @param task the task's side
     * @param reader the side that reads the return value
     * @param capabilities how capabilities cross; an Anvil error it throws propagates unchanged
     * @return the copy the reader gets
     * @throws SerializationError {@code "The state or return value could not be serialised"} for
     *     in-memory Media; for any other value that cannot cross, the error of
     *     {@link #sendReturnValue}
     * @throws NullPointerException if {@code task}, {@code reader} or {@code capabilities} is
     *     {@code null}
     */
    public static Object taskReturnValue(Object value, Side task, Side reader, CapabilityTranslator capabilities) {
        Objects.requireNonNull(reader, "reader");
        return sendOne(value, task, Rules.TASK_RETURN, reader.trusted(),
                Objects.requireNonNull(capabilities, "capabilities"), RETURN_PREFIX, RESPONSE).receive(reader);
    }

    /**
     * Copies a value to be stored in a cookie (SESS-16, SESS-17, MEDIA-05): by the rules of a return
     * value, except that in-memory Media is refused as the platform refuses it, with an error that
     * has no wire type; {@link LazyMedia} is allowed.
     *
     * @param value the value
     * @param server the side of the server code that stores and reads the cookie
     * @param root the path of the value in its message, for errors, e.g. {@code msg['kwargs']['k']}
     * @return the copy that is stored
     * @throws AnvilWrappedError with an untyped {@link WireError} {@code "Cannot store Media in cookies."}
     *     for in-memory Media
     * @throws SerializationError for any other value that cannot cross, naming its path below
     *     {@code root}, without a prefix
     * @throws NullPointerException if {@code server} or {@code root} is {@code null}
     */
    public static Object cookieValue(Object value, Side server, ValuePath root) {
        Objects.requireNonNull(root, "root");
        return sendOne(value, server, Rules.COOKIE, true, CapabilityTranslator.COPY, "", root).receive(server);
    }

    /**
     * Copies one value by the rules of this class, naming failures by paths below {@code root}
     * (SER-01..11, SER-14), with the portable classes of {@link PortableClasses#global()} and
     * capabilities copied as they are. The other methods of this class are this copy plus their
     * message prefix and root.
     *
     * @param value the value to copy
     * @param senderZone the sender's time zone, which stamps naive date-times (SER-09)
     * @param root the path of {@code value} in its message
     * @return the copy
     * @throws SerializationError if the value cannot cross, e.g.
     *     {@code "Cannot serialize java.util.HashSet object at msg['response'][1]"}
     * @throws NullPointerException if {@code senderZone} or {@code root} is {@code null}
     */
    public static Object copy(Object value, ZoneId senderZone, ValuePath root) {
        Objects.requireNonNull(root, "root");
        Side side = Side.of(Objects.requireNonNull(senderZone, "senderZone"));
        return sendOne(value, side, Rules.CALL, true, CapabilityTranslator.COPY, "", root).receive(side);
    }

    // ---------------------------------------------------------------- sending

    /**
     * Serialises one value for {@code purpose}: the copy, then the shared data of portable
     * classes.
     */
    private static InTransit<Object> sendOne(Object value, Side sender, byte purpose, boolean receiverTrusted,
            CapabilityTranslator capabilities, String prefix, ValuePath root) {
        InTransit<Object> transit = new InTransit<>(Objects.requireNonNull(sender, "sender"), purpose,
                receiverTrusted, capabilities);
        Object copied;
        try {
            copied = copyRooted(value, transit);
        } catch (Refusal r) {
            throw refused(transit, prefix, r, root);
        }
        transit.sent(copied, root);
        sendShared(transit, prefix);
        return transit;
    }

    /**
     * Finishes sending: copies the shared data the hooks transmitted, and that relayed opaque
     * objects carry (for keys the hooks did not set), if any, rooted at {@code msg['vt_global']}
     * with the hooks' access to it closed (PORT-05; Uplink protocol §4.5).
     */
    private static void sendShared(InTransit<?> transit, String prefix) {
        Rules.Portables portables = transit.portablesIfMet();
        if (portables == null || (portables.info == null && portables.relayedShared == null)) {
            return;
        }
        Map<String, Object> transmitted = portables.info == null ? Map.of() : portables.info.closeTransmittedData();
        if (portables.relayedShared != null) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>(transmitted);
            portables.relayedShared.forEach(merged::putIfAbsent);
            transmitted = merged;
        }
        if (transmitted.isEmpty()) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> copied = (Map<String, Object>) copyRooted(transmitted, transit);
            transit.shared(copied);
        } catch (Refusal r) {
            throw refused(transit, prefix, r, SHARED);
        }
    }

    /** The error for a refusal, by the purpose of the copy (MEDIA-05, TASK-21, SESS-17). */
    private static RuntimeException refused(Rules rules, String prefix, Refusal r, ValuePath root) {
        if (r.isMedia() && rules.purpose == Rules.TASK_RETURN) {
            return new SerializationError(TASK_RESULT_MEDIA);
        }
        if (r.isMedia() && rules.purpose == Rules.COOKIE) {
            return new AnvilWrappedError(new WireError(null, COOKIE_MEDIA, List.of()));
        }
        return error(prefix, r, root);
    }

    private static SerializationError error(String prefix, Refusal refusal, ValuePath root) {
        return new SerializationError(prefix + refusal.describe(root));
    }

    // ---------------------------------------------------------------- copying

    /**
     * The copy behind every entry point; a cycle found deep down is re-located exactly. Values that
     * are their own copy return at once, without handing the rules on, so that a crossing of one
     * such value (most return values) keeps its rules local to the compiled caller.
     */
    private static Object copyRooted(Object value, Rules rules) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        try {
            return copyValue(value, rules, 0);
        } catch (Refusal r) {
            throw r.isCycle() ? DeepCopy.locate(value, rules, r) : r;
        }
    }

    /** The recursive fast path; {@code depth} counts the containers around {@code value}. */
    private static Object copyValue(Object value, Rules rules, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return Long.valueOf(i);
        }
        if (value instanceof List<?> list) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(list, rules) : copyList(list, rules, depth);
        }
        if (value instanceof Map<?, ?> map) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(map, rules) : copyMap(map, rules, depth);
        }
        if (value instanceof Object[] tuple) {
            return depth >= TRACKING_DEPTH ? DeepCopy.copy(tuple, rules) : copyTuple(tuple, rules, depth);
        }
        return copyLeaf(value, rules, depth);
    }

    /** Copies a list; the element copy is inlined, so each level of nesting costs two frames. */
    private static List<Object> copyList(List<?> source, Rules rules, int depth) {
        int size = source.size();
        List<Object> out = new ArrayList<>(size);
        if (source instanceof RandomAccess) {
            for (int i = 0; i < size; i++) {
                Object copied;
                try {
                    copied = copyValue(source.get(i), rules, depth + 1);
                } catch (Refusal r) {
                    throw r.at(i);
                }
                add(out, copied);
            }
        } else {
            int i = 0;
            for (Object item : source) {
                Object copied;
                try {
                    copied = copyValue(item, rules, depth + 1);
                } catch (Refusal r) {
                    throw r.at(i);
                }
                add(out, copied);
                i++;
            }
        }
        return out;
    }

    private static List<Object> copyTuple(Object[] source, Rules rules, int depth) {
        List<Object> out = new ArrayList<>(source.length);
        for (int i = 0; i < source.length; i++) {
            Object copied;
            try {
                copied = copyValue(source[i], rules, depth + 1);
            } catch (Refusal r) {
                throw r.at(i);
            }
            add(out, copied);
        }
        return out;
    }

    /** Appends a copied element, telling a placeholder where it sits. */
    static void add(List<Object> out, Object copied) {
        if (copied instanceof Placeholder p) {
            p.attach(out, out.size());
        }
        out.add(copied);
    }

    private static Map<String, Object> copyMap(Map<?, ?> source, Rules rules, int depth) {
        Map<String, Object> out = new LinkedHashMap<>(mapCapacity(source.size()));
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw Refusal.nonStringKeys();
            }
            Object copied;
            try {
                copied = copyValue(entry.getValue(), rules, depth + 1);
            } catch (Refusal r) {
                throw r.at(key);
            }
            put(out, key, copied);
        }
        return out;
    }

    /** Puts a copied value, telling a placeholder where it sits. */
    static void put(Map<String, Object> out, String key, Object copied) {
        if (copied instanceof Placeholder p) {
            p.attach(out, key);
        }
        out.put(key, copied);
    }

    static int mapCapacity(int size) {
        return size < 3 ? size + 1 : (int) (size / 0.75f) + 1;
    }

    /**
     * Copies a value that is not a container, met by the explicit-stack walk (SER-01,
     * SER-04..09, MEDIA-01..05, PORT-03..07, SESS-04, CAP-08, TASK-17): the data of a portable
     * object met there is walked with tracking from its first level.
     */
    static Object copyLeaf(Object value, Rules rules) {
        return copyLeaf(value, rules, TRACKING_DEPTH);
    }

    private static Object copyLeaf(Object value, Rules rules, int depth) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean
                || value instanceof Double || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return copyBigInteger(big);
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof OffsetDateTime t) {
            return wireDateTime(t);
        }
        if (value instanceof LocalDateTime t) {
            return wireDateTime(t.atOffset(rules.sender.zone().getRules().getOffset(t)));
        }
        if (value instanceof ZonedDateTime t) {
            return wireDateTime(t.toOffsetDateTime());
        }
        if (value instanceof LazyMedia lazy) {
            return lazy.reference();
        }
        if (value instanceof Media media) {
            return copyMedia(media, rules);
        }
        if (value instanceof Capability c) {
            return rules.capabilities().translate(c);
        }
        if (value instanceof Task task) {
            return task;
        }
        return copyObject(value, rules, depth);
    }

    /**
     * In-memory Media: refused where it may not be stored (MEDIA-05, SESS-04); otherwise a copy
     * with the same content type, name and bytes (MEDIA-01), or, if its bytes cannot be read, a
     * copy that raises that error when they are (MEDIA-03).
     */
    private static Media copyMedia(Media media, Rules rules) {
        switch (rules.purpose) {
            case Rules.SESSION:
                throw Refusal.sessionMedia();
            case Rules.TASK_STATE:
                throw Refusal.taskStateMedia();
            case Rules.TASK_RETURN:
            case Rules.COOKIE:
                throw Refusal.storedMedia();
            default:
                break;
        }
        String contentType = media.contentType();
        String name = media.name();
        byte[] bytes;
        try {
            bytes = media.getBytes();
        } catch (Exception e) {
            return new UndeliveredMedia(contentType, name, WireError.of(e));
        }
        return new BlobMedia(contentType, bytes, name);
    }

    /** Any size of integer crosses exactly; 64-bit values become {@link Long} (SER-06). */
    private static Object copyBigInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value.getClass() == BigInteger.class ? value : new BigInteger(value.toByteArray());
    }

    /**
     * A date-time as the wire carries it: microseconds, and an offset of whole minutes at the
     * same instant (SER-08, Uplink protocol §4.3).
     */
    private static OffsetDateTime wireDateTime(OffsetDateTime t) {
        int offsetSeconds = t.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 != 0) {
            t = t.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetSeconds / 60 * 60));
        }
        return t.getNano() % 1000 == 0 ? t : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * An object of a class that is none of the built-in value kinds: a portable object or class
     * object the sender knows becomes a placeholder holding its name and copied data
     * (PORT-03, PORT-05, PORT-07); an unregistered subclass of a portable class is refused
     * (PORT-06); every other object is refused (SER-04).
     */
    private static Object copyObject(Object value, Rules rules, int depth) {
        PortableClasses classes = rules.sender.classes();
        if (value instanceof OpaquePortable opaque) {
            Placeholder p = new Placeholder(opaque.typeName(), false, copyValue(opaque.data(), rules, depth + 1));
            rules.portables().add(p);
            rules.portables().relayShared(opaque.sharedData());
            return p;
        }
        if (value instanceof OpaquePortableClass opaque) {
            Placeholder p = new Placeholder(opaque.typeName(), true, null);
            rules.portables().add(p);
            return p;
        }
        if (value instanceof Class<?> type) {
            String name = classes.nameOf(type);
            if (name != null) {
                Placeholder p = new Placeholder(name, true, null);
                rules.portables().add(p);
                return p;
            }
            if (hasPortableSuperclass(type, classes)) {
                throw Refusal.unregisteredSubclass("class " + type.getName());
            }
            throw Refusal.unsupported(value);
        }
        Class<?> type = value.getClass();
        String name = classes.nameOf(type);
        if (name == null) {
            if (hasPortableSuperclass(type, classes)) {
                throw Refusal.unregisteredSubclass(type.getName());
            }
            throw Refusal.unsupported(value);
        }
        Rules.Portables portables = rules.portables();
        Refusal refused = portables.enter(value);
        if (refused != null) {
            throw refused;
        }
        try {
            Object data = classes.serialize(value, rules.info());
            Placeholder p = new Placeholder(name, false, copyValue(data, rules, depth + 1));
            portables.add(p);
            return p;
        } finally {
            portables.exit(value);
        }
    }

    private static boolean hasPortableSuperclass(Class<?> type, PortableClasses classes) {
        for (Class<?> s = type.getSuperclass(); s != null && s != Object.class; s = s.getSuperclass()) {
            if (classes.nameOf(s) != null) {
                return true;
            }
        }
        return false;
    }
}
