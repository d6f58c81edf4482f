package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.ConnectionLimits;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.LogText;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.UplinkHandle;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.wire.Decoder;
import dev.anvilcheck.wire.MediaQuota;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.MessageTypes;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One uplink WebSocket, from the key to the close (Uplink protocol §2, §3; UPL-03..09): the
 * connection's state, and the routing of what arrives by it. Frames are decoded and messages handled
 * strictly in arrival order on the socket's reader thread: the key first ({@link UplinkHandshake}),
 * then the REGISTERs pipelined behind it; the calls the uplink makes go to worker threads
 * ({@link CallsFromUplink}), even the heartbeat (§1.4), and replies to the calls this server makes
 * to the uplink to the call that waits ({@link CallsToUplink}). A malformed message is answered: a
 * CALL with a {@code SerializationError}, a reply by failing the call that waits for it, anything
 * else by the close. When the socket closes, the uplink's functions leave the registry and every
 * call waiting on it fails with {@code UplinkDisconnectedError} (ERR-08, UPL-09).
 *
 * <p>The connection's {@link ConnectionLimits} (issue 13): an uplink that has not given its key
 * within {@code uplinkKeyTimeout} is closed and recorded as refused; the calls it makes run at most
 * {@code callsPerConnection} at once ({@link CallSlots}), and wait in order beyond, a call nested in
 * a call this server makes to the uplink and the heartbeat running aside, one of each at a time;
 * its unfinished Media hold at most {@code mediaBytesPerConnection}, and all connections' at most
 * {@code mediaBytesInAll} (a message beyond is answered as a malformed one). When it goes, the calls
 * it made that still run are interrupted (their replies go nowhere) and those waiting are dropped.
 */
public final class UplinkConnection {
    private static final System.Logger LOG = System.getLogger(UplinkConnection.class.getName());
    private static final String TOO_BIG = "Data payload too big - please use Media objects to transfer large amounts"
            + " of data.";

    /** Where the connection is: waiting for the key, admitted with a server or a client key, or closed. */
    enum State { CONNECTING, SERVER, CLIENT, CLOSED }

    private final UplinkServer server;
    private final Dispatcher dispatcher;
    private final UplinkTransport transport;
    private final String remoteAddress;
    private final Decoder decoder;
    private final UplinkHandle handle;
    private final UplinkCaller caller;
    private final UplinkSender sender;
    private final UplinkHandshake handshake;
    private final CallsToUplink calls;
    private final CallsFromUplink incoming;
    private final CallSlots slots;
    /** Whether the heartbeat, or the sending of refusals, runs aside the call slots now (one at a time). */
    private final AtomicBoolean heartbeatAside = new AtomicBoolean();
    private final AtomicBoolean refusing = new AtomicBoolean();
    /** Error replies to CALLs that were refused, waiting to be sent from a worker; guarded by itself. */
    private final ArrayDeque<Message> refusals = new ArrayDeque<>();
    private final int maxRefusals;
    private final int callsPerConnection;
    private final java.time.Duration keyTimeout;
    private volatile ScheduledFuture<?> keyTimer;
    private volatile State state = State.CONNECTING;
    private volatile boolean tornDown;
    /** Whether the uplink was refused while connecting (the app log says so, and not that it disconnected). */
    private volatile boolean refused;
    private volatile String disconnection = "Uplink disconnected";
    /** The id the control API names this connection by, and when it was admitted (runtime's clock). */
    private final String id;
    private volatile java.time.Instant admittedAt;

    UplinkConnection(UplinkServer server, Dispatcher dispatcher, UplinkTransport transport, String remoteAddress,
            ConnectionLimits limits) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.remoteAddress = remoteAddress;
        this.id = server.nextConnectionId();
        // the server's portable classes, relaying values of classes the server does not know between
        // uplinks unchanged (Uplink protocol §4.5); server code receiving one still gets PORT-08
        PortableClasses relayed = PortableClasses.relaying(dispatcher.portableClasses());
        this.handle = new UplinkHandle(ZoneOffset.UTC, relayed);
        this.caller = new UplinkCaller(dispatcher, remoteAddress, relayed);
        UplinkLiveObjects liveObjects = new UplinkLiveObjects(server.taskMacs(), dispatcher, caller);
        WireCodec codec = WireCodec.builder()
                .portableClasses(relayed)
                .liveObjects(liveObjects)
                .mediaTimeout(Duration.ofSeconds(60), dispatcher.config().clock())
                .build();
        this.sender = new UplinkSender(codec, transport, dispatcher, remoteAddress, caller);
        this.calls = new CallsToUplink(this, sender);
        this.handshake = new UplinkHandshake(this, server, dispatcher, remoteAddress, caller, sender, calls, handle);
        this.incoming = new CallsFromUplink(dispatcher, caller, calls, liveObjects,
                new PlatformCommands(this, dispatcher, caller, calls, liveObjects,
                        new UplinkUsers(server::accounts, caller)), sender);
        int maxWaiting = CallSlots.maxWaiting(limits.callsPerConnection());
        this.slots = new CallSlots(server::execute, limits.callsPerConnection(), maxWaiting);
        this.maxRefusals = maxWaiting;
        this.callsPerConnection = limits.callsPerConnection();
        this.keyTimeout = limits.uplinkKeyTimeout();
        this.decoder = codec.newDecoder(this::handle)
                .mediaQuota(new MediaQuota(limits.mediaBytesPerConnection(), server.mediaInAll(),
                        "one uplink connection"))
                .onAnomaly(a -> LOG.log(System.Logger.Level.DEBUG, "Uplink from {0}: {1}",
                        LogText.escape(remoteAddress), LogText.escape(String.valueOf(a))));
    }

    /** Closes the connection if it has not given its key within the key timeout (issue 13 F5). */
    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): the key timer; no"
            + " clause states it")
    void startKeyTimer() {
        try {
            keyTimer = server.schedule(this::keyTimedOut, keyTimeout);
        } catch (RejectedExecutionException e) {
            // the server is closing, and closes this connection
        }
        if (state != State.CONNECTING || tornDown) {
            cancelKeyTimer();
        }
    }

    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): the key timer; no"
            + " clause states it")
    private void cancelKeyTimer() {
        ScheduledFuture<?> timer = keyTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): the key timer; no"
            + " clause states it")
    private void keyTimedOut() {
        synchronized (this) {
            if (state != State.CONNECTING || tornDown) {
                return;
            }
            state = State.CLOSED;
            refused = true;
        }
        dispatcher.events().uplinkRefused(remoteAddress, "it sent no uplink key within " + keyTimeout.toMillis()
                + " ms");
        // forgotten before the peer sees the close
        tearDown("it sent no key in time");
        transport.close();
    }

    // ------------------------------------------------------------------ frames in

    /**
     * A text frame arrived; a CALL in it starts at the latest at the next {@link #readComplete()}.
     *
     * @param utf8 its bytes
     */
    public void text(byte[] utf8) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            decoder.text(utf8, 0, utf8.length);
        } catch (WireFormatException e) {
            malformed(e);
        }
    }

    /**
     * The socket's reader has handed on all it read for now: the calls that arrived in it, which
     * wait for this ({@link CallSlots#defer}), start unless a thread that finished its call has
     * taken them meanwhile. A call that is the connection's only one, none running or waiting
     * beside it, is instead given to the reader to run itself once another thread reads the socket
     * (issue 13: its reply then goes out with no thread woken between).
     *
     * @return the call for the reader to run, its slot taken, or {@code null}
     */
    public Runnable readComplete() {
        Runnable lone = slots.takeLone();
        if (lone == null) {
            slots.startDeferred();
        }
        return lone;
    }

    /**
     * A binary frame arrived: a Media chunk (Uplink protocol §3.6).
     *
     * @param chunk its bytes
     */
    public void binary(ByteBuffer chunk) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            decoder.binary(chunk);
        } catch (WireFormatException e) {
            malformed(e);
        }
    }

    /**
     * The socket closed, for whatever reason.
     *
     * @param tooBig whether it closed because a frame exceeded 16 MiB (Uplink protocol §1.5)
     */
    public void closed(boolean tooBig) {
        tearDown(closing(tooBig));
    }

    /** The reason a closed socket gives the app log, and the message of a frame too big. */
    @OutsideTheSpecification("the 16 MiB frame limit of Uplink protocol §1.5, which no clause of SEMANTICS.md states,"
            + " and the app log's text")
    private String closing(boolean tooBig) {
        if (tooBig) {
            disconnection = TOO_BIG;
        }
        return tooBig ? "it sent a frame larger than 16 MiB" : "the socket closed";
    }

    /**
     * The uplink stopped reading what is sent to it for longer than {@code millis}, and its socket
     * is being closed: the app log records it.
     *
     * @param millis how long a send waited
     */
    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): a peer that stops"
            + " reading; no clause states it")
    public void stalled(long millis) {
        dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "it stopped reading for " + millis
                + " ms; closing it", null);
    }

    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): Media left unfinished;"
            + " no clause states it")
    void expireStalledMedia() {
        decoder.expireStalledMedia();
    }

    /** Closes the socket as the runtime closes. */
    @OutsideTheSpecification("the runtime's lifecycle: UplinkServer.close closes each connection")
    void shutdown() {
        shutdown("the runtime closed");
    }

    /** Closes the socket and tears the connection down, saying {@code why} in the app log. */
    @OutsideTheSpecification("called only as the runtime closes and by the control API's disconnect, neither of"
            + " which the SPI reaches")
    void shutdown(String why) {
        // torn down first, so that the close (whose listener tears down too, saying "the socket
        // closed") cannot come first and put its reason in the app log instead of this one
        tearDown(why);
        transport.close();
    }

    // ------------------------------------------------------------------ messages

    private void handle(Message m) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.CONNECTING) {
            handshake.first(m);
        } else if (m instanceof Message.Register r) {
            handshake.register(r.name());
        } else if (m instanceof Message.RegisterLiveObjectBackend) {
            handshake.registerLiveObjectBackend();
        } else if (m instanceof Message.Call call) {
            // no call runs on the socket's reader while it reads: a call runs on a worker, or (a lone
            // call, see readComplete) on the thread that read it once another thread reads
            admit(call);
        } else if (m instanceof Message.Response || m instanceof Message.Failure) {
            String id = m instanceof Message.Response r ? r.id() : ((Message.Failure) m).id();
            OutgoingCall waiting = state == State.SERVER ? calls.waiting(id) : null;
            if (waiting == null) {
                LOG.log(System.Logger.Level.DEBUG, "Uplink from {0} answered unknown call {1}; dropped",
                        LogText.escape(remoteAddress), LogText.escape(id));
            } else {
                waiting.reply.complete(m);
            }
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Uplink from {0} sent {1}; ignored", LogText.escape(remoteAddress),
                    LogText.escape(String.valueOf(m)));
        }
    }

    /**
     * Hands a call the uplink makes to a thread: aside the slots when it is nested in a call this
     * server makes to the uplink, or is the heartbeat, and none such runs yet for it; else in its
     * turn, or refused when too many wait.
     */
    private void admit(Message.Call call) {
        if (ranAside(call)) {
            return;
        }
        // started when the socket's read is done (readComplete), unless a thread whose call ended takes it first
        if (slots.defer(() -> incoming.serve(call)) == CallSlots.Admission.REFUSED && !tornDown) {
            refuseTooMany(call);
        }
    }

    /** Runs a nested call or the heartbeat aside the slots, if none such runs yet; false if it did not. */
    @OutsideTheSpecification("the bound on the calls one connection runs at once (ConnectionLimits, issue 13),"
            + " which calls beside it escape so as not to deadlock; no clause states the bound")
    private boolean ranAside(Message.Call call) {
        OutgoingCall serving = calls.serving(call);
        AtomicBoolean aside = serving != null ? serving.nestedAside
                : "anvil.private.echo".equals(call.command()) && call.liveObjectCall() == null ? heartbeatAside : null;
        if (aside != null && aside.compareAndSet(false, true)) {
            // its ancestor may hold the last slot while it waits for the uplink, which waits for this call
            if (slots.runAside(() -> {
                try {
                    incoming.serve(call);
                } finally {
                    aside.set(false);
                }
            })) {
                return true;
            }
            aside.set(false);
        }
        return false;
    }

    @OutsideTheSpecification("the refusal of calls beyond the bound of one connection (ConnectionLimits, issue 13);"
            + " no clause states the bound")
    private void refuseTooMany(Message.Call call) {
        refuse(Message.Failure.of(call.id(), new InternalError("Too many calls from this uplink connection:"
                + " at most " + callsPerConnection + " run at once and " + maxRefusals + " wait").errorObj()));
    }

    /**
     * Sends the error that refuses a CALL, from a worker, not from the socket's thread (see
     * {@link #handle}); one that has too many refusals waiting to be sent is disconnected.
     */
    @OutsideTheSpecification("refusals of calls beyond the bound of one connection (ConnectionLimits, issue 13)"
            + " and of malformed calls, and the disconnection of an uplink that does not read them; no clause states them")
    private void refuse(Message failure) {
        boolean tooMany;
        synchronized (refusals) {
            tooMany = refusals.size() >= maxRefusals;
            if (!tooMany) {
                refusals.add(failure);
            }
        }
        if (tooMany) {
            dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "it sent more calls than it"
                    + " may have waiting, faster than it reads their refusals; closing it", null);
            state = State.CLOSED;
            transport.close();
            tearDown("it sent too many calls");
            return;
        }
        if (refusing.compareAndSet(false, true) && !slots.runAside(this::sendRefusals)) {
            refusing.set(false);
        }
    }

    @OutsideTheSpecification("the limits of one uplink connection (ListenerLimits, issue 13): refusals beyond the"
            + " bound on waiting calls; no clause states it")
    private void sendRefusals() {
        while (true) {
            Message next;
            synchronized (refusals) {
                next = refusals.poll();
                if (next == null) {
                    refusing.set(false);
                    return;
                }
            }
            sender.send(next);
        }
    }

    @OutsideTheSpecification("what the Uplink server does with a frame that is not a message (it closes the"
            + " connection); no clause states it")
    private void malformed(WireFormatException e) {
        String id = e.messageId();
        if (id != null && MessageTypes.CALL.equals(e.messageType()) && (state == State.SERVER || state == State.CLIENT)) {
            refuse(Message.Failure.of(id, new SerializationError(e.getMessage()).errorObj()));
            return;
        }
        Map<String, Object> json = e.json();
        if (id != null && json != null && (json.containsKey("response") || json.containsKey("error"))) {
            OutgoingCall waiting = calls.waiting(id);
            if (waiting != null) {
                waiting.reply.completeExceptionally(new SerializationError(e.getMessage()));
                return;
            }
        }
        String errorId = ConnectionIds.errorId();
        dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(),
                "Malformed message from the uplink; closing it. Internal server error: " + errorId, e);
        disconnection = "Uplink disconnected: " + errorId;
        state = State.CLOSED;
        transport.close();
        tearDown("malformed message (internal server error " + errorId + ")");
    }

    // ------------------------------------------------------------------ state

    /** Where the connection is. */
    State state() {
        return state;
    }

    /**
     * The key was accepted: a server uplink's if {@code trusted}, else a client uplink's.
     *
     * @return false if the key came too late: the connection was closed for its key timeout
     */
    boolean admitted(boolean trusted) {
        synchronized (this) {
            if (state != State.CONNECTING) {
                return false;
            }
            state = trusted ? State.SERVER : State.CLIENT;
            admittedAt = dispatcher.config().clock().instant();
        }
        cancelKeyTimer();
        return true;
    }

    /**
     * What the control API shows of this connection, or {@code null} while it has not given its
     * key or after it closed.
     */
    @OutsideTheSpecification("the control API's view of a connection (internal.control is excluded)")
    UplinkServer.Connected describe() {
        State now = state;
        if (now != State.SERVER && now != State.CLIENT) {
            return null;
        }
        return new UplinkServer.Connected(id, now == State.SERVER ? "server" : "client", remoteAddress, admittedAt,
                dispatcher.registry().namesProvidedBy(handle));
    }

    /** @return the id the control API names this connection by */
    @OutsideTheSpecification("the id the control API names a connection by")
    String id() {
        return id;
    }

    /** Whether the connection is gone. */
    boolean tornDown() {
        return tornDown;
    }

    /** The message of the {@code UplinkDisconnectedError} that calls waiting on the uplink get. */
    String disconnection() {
        return disconnection;
    }

    // ------------------------------------------------------------------ closing

    /** Refuses the uplink while it connects: the platform's fatal error, the close, a refusal in the app log. */
    void refuse(String message, String reason) {
        refused = true;
        dispatcher.events().uplinkRefused(remoteAddress, reason);
        fatal(message);
    }

    /** Sends the platform's fatal error and closes (Uplink protocol §2.4, §3.10). */
    void fatal(String message) {
        logFatal(message);
        Message fatal = new Message.FatalError(message);
        state = State.CLOSED;
        // Sent from a worker, never from the socket's reader, which must not wait for a peer that
        // does not read (the soak harness's finding S1, when a sender held a lock the reader needed;
        // the reader now never waits to send, and this keeps it so whatever the transport).
        Runnable sendAndClose = () -> {
            try {
                sender.send(fatal);
            } finally {
                transport.close();
            }
        };
        try {
            server.execute(sendAndClose);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            transport.close();
        }
        tearDown("fatal error: " + message);
    }

    /** The app log's line for a fatal error, unless the uplink was refused (which has its own line). */
    @OutsideTheSpecification("a line of the app log (AppLog is excluded: no clause speaks of it)")
    private void logFatal(String message) {
        if (!refused) {
            dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "disconnected with the fatal error: "
                    + message, null);
        }
    }

    /**
     * Forgets the uplink: its functions leave the registry (calls fall back to server code or
     * raise {@code UplinkDisconnectedError}, UPL-09, ERR-08), calls waiting on it fail with
     * {@code UplinkDisconnectedError}, half-received Media are dropped. Idempotent.
     */
    void tearDown(String why) {
        synchronized (this) {
            if (tornDown) {
                return;
            }
            tornDown = true;
        }
        state = State.CLOSED;
        // the calls it made end with it: the waiting ones never run, the running ones are interrupted
        // and their replies go nowhere (the App Server lets them run to the end; here they would hold
        // threads for a caller that is gone)
        int[] ended = slots.close();
        releaseLimitsAndLog(why, ended);
        handle.disconnect();
        dispatcher.registry().removeUplink(handle);
        decoder.close();
        calls.failAll(disconnection);
        server.forget(this);
    }

    /** What the limits held for the connection (its key timer, its queued refusals), and the app log's line. */
    @OutsideTheSpecification("the key timeout and the refusals beyond the bound on calls (ConnectionLimits, issue 13)"
            + " and a line of the app log: no clause speaks of them")
    private void releaseLimitsAndLog(String why, int[] ended) {
        cancelKeyTimer();
        synchronized (refusals) {
            refusals.clear();
        }
        logDisconnection(why, ended);
    }

    /** The app log's line for a connection that ends, unless it was refused (which has its own line). */
    @OutsideTheSpecification("a line of the app log (AppLog is excluded: no clause speaks of it)")
    private void logDisconnection(String why, int[] ended) {
        if (!refused) {
            String calls = ended[0] + ended[1] == 0 ? "" : "; of the calls it made, " + ended[0]
                    + " still running were interrupted and " + ended[1] + " waiting were dropped";
            dispatcher.events().uplinkDisconnected(remoteAddress, caller.sessionId(),
                    (caller.sessionId() == null ? why + ", before it gave a key" : why) + calls);
        }
    }

    @Override
    @OutsideTheSpecification("debugging text")
    public String toString() {
        return "UplinkConnection[" + remoteAddress + ", " + state + "]";
    }
}
