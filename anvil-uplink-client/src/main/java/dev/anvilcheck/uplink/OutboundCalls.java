package dev.anvilcheck.uplink;

import static dev.anvilcheck.uplink.UplinkLog.LOG;
import static dev.anvilcheck.uplink.UplinkLog.esc;

import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.wire.CallContextJson;
import dev.anvilcheck.wire.CapUpdates;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The calls one uplink makes to the app, each matched with its answer (Uplink protocol §3.4): a call
 * gets a new random id and a pending future, carries the {@code call-stack-id} and
 * {@code originating-call} of the incoming call it is made from, or else its thread's own outbound
 * stack, and waits for the {@code RESPONSE} or error with its id, applying the capability updates
 * that come back (CAP-18); the server's error is raised by its wire type (ERR-01..05). When the link
 * ends every outstanding call fails at once with the connection-lost error (UPL-10), and a response
 * the codec could not read fails its call with {@code SerializationError} (PORT-08).
 */
final class OutboundCalls {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final WireCodec codec;
    private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final ThreadLocal<String> outboundStack = ThreadLocal.withInitial(() -> "outbound-" + randomId());

    /** No calls yet; they are encoded with {@code codec}. */
    OutboundCalls(WireCodec codec) {
        this.codec = codec;
    }

    /**
     * Sends on {@code l} the call {@code make} builds with a new id, from {@code origin} (or the top
     * level, if {@code null}), and waits for its response.
     *
     * @return the response's value
     * @throws RuntimeException the server's error, or the connection-lost error if {@code l} closes
     *     first or the call could not be sent (then once the messages that came before the link's
     *     end have been handled)
     */
    Object roundTrip(Link l, IncomingCall origin, String fnName, Function<String, Message.Call> make) {
        String id = randomId();
        Message.Call made = make.apply(id);
        // both fields at once: each withField copies the fields twice
        Map<String, Object> fields = new LinkedHashMap<>(made.fields());
        fields.put(CallContextJson.CALL_STACK_ID, origin == null ? outboundStack.get() : origin.callStackId());
        fields.put(CallContextJson.ORIGINATING_CALL, origin == null ? null : origin.message().id());
        Message.Call message = new Message.Call(made.id(), made.background(), made.command(), made.liveObjectCall(),
                made.arguments(), made.session(), fields);
        Encoded encoded = codec.encode(message);
        CompletableFuture<Object> result = new CompletableFuture<>();
        pending.put(id, result);
        if (l.closed) {
            pending.remove(id);
            throw lost();
        }
        // not waited for: should it fail, the link reports its end (Link.send), and this call fails with
        // the others when that end is handled, after the messages that came before it (a fatal error, say)
        l.post(encoded);
        try {
            l.await(result);
            Message.Response response = (Message.Response) result.get();
            CapUpdates.apply(response.fields().get(CapUpdates.FIELD), message.arguments());
            return response.value();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                r.fillInStackTrace();
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            pending.remove(id);
            Thread.currentThread().interrupt();
            throw new dev.anvilcheck.python.RuntimeError("interrupted while waiting for " + fnName);
        }
    }

    /** Completes the call {@code r} answers, if one waits for it. */
    void complete(Message.Response r) {
        CompletableFuture<Object> f = pending.remove(r.id());
        if (f == null) {
            LOG.log(System.Logger.Level.DEBUG, "response for an unknown call {0}", esc(r.id()));
        } else {
            f.complete(r);
        }
    }

    /** Fails the call {@code r} answers with the server's error, if one waits for it. */
    void fail(Message.Failure r) {
        CompletableFuture<Object> f = pending.remove(r.id());
        if (f == null) {
            LOG.log(System.Logger.Level.DEBUG, "error response for an unknown call {0}", esc(r.id()));
        } else {
            f.completeExceptionally(r.error().toException());
        }
    }

    /**
     * Fails the call {@code id} with {@code error}, for an answer the codec could not read.
     *
     * @return whether a call waited for it
     */
    boolean failUnreadable(String id, SerializationError error) {
        CompletableFuture<Object> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(error);
            return true;
        }
        return false;
    }

    /** Fails every outstanding call at once with the connection-lost error (UPL-10). */
    void failAll() {
        for (String id : new ArrayList<>(pending.keySet())) {
            CompletableFuture<Object> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(lost());
            }
        }
    }

    /**
     * A calling thread's generator of call-id bytes: a {@code SHA1PRNG} of its own, seeded from the
     * platform's default generator. On Linux the default is {@code NativePRNG}, whose every instance
     * shares one lock with the generator the JDK's WebSocket draws each frame's masking key from, so
     * that ids drawn from it, by many threads, held up every thread's send; one generator shared by
     * the calling threads was a lock they queued on in turn. The seed is drawn with
     * {@code nextBytes}, which never blocks; a generator left to seed itself (the JDK's DRBG, or this
     * one without {@code setSeed}) reads {@code /dev/random}, which on older kernels may wait for
     * entropy.
     */
    private static SecureRandom idGenerator() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        try {
            SecureRandom generator = SecureRandom.getInstance("SHA1PRNG");
            // seeded before its first use, it draws nothing from the system itself
            generator.setSeed(seed);
            return generator;
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** The error calls fail with when the connection is lost: {@link Uplink#CONNECTION_LOST} (UPL-10). */
    static RuntimeException lost() {
        return new AnvilWrappedError(new WireError(null, Uplink.CONNECTION_LOST, List.of()));
    }

    /**
     * A new call id: ten random letters and digits, each uniform over the 62. The random bytes come
     * from the calling thread's own generator ({@link #idGenerator()}), drawn
     * {@value #RANDOM_BATCH} at a time into a buffer of the thread, enough for about
     * {@value #RANDOM_BATCH} / 10 ids; a byte whose low six bits are 62 or 63 is skipped, so no letter
     * is likelier than another.
     */
    static String randomId() {
        char[] id = new char[10];
        RandomBytes random = RANDOM_BYTES.get();
        for (int i = 0; i < id.length; ) {
            int sixBits = random.next() & 0x3f;
            if (sixBits < ALPHABET.length()) {
                id[i++] = ALPHABET.charAt(sixBits);
            }
        }
        return new String(id);
    }

    /** How many random bytes a thread draws from its generator at once. */
    static final int RANDOM_BATCH = 256;

    private static final ThreadLocal<RandomBytes> RANDOM_BYTES = ThreadLocal.withInitial(RandomBytes::new);

    /** One thread's supply of bytes from its own {@link #idGenerator()}, each used once. */
    private static final class RandomBytes {
        private final SecureRandom generator = idGenerator();
        private final byte[] bytes = new byte[RANDOM_BATCH];
        private int used = bytes.length;

        byte next() {
            if (used == bytes.length) {
                generator.nextBytes(bytes);
                used = 0;
            }
            return bytes[used++];
        }
    }
}
