package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.LogText;
import dev.anvilcheck.runtime.internal.UplinkHandle;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.wire.Decoder;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.MessageTypes;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

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
    private volatile State state = State.CONNECTING;
    private volatile boolean tornDown;
    /** Whether the uplink was refused while connecting (the app log says so, and not that it disconnected). */
    private volatile boolean refused;
    private volatile String disconnection = "Uplink disconnected";

    UplinkConnection(UplinkServer server, Dispatcher dispatcher, UplinkTransport transport, String remoteAddress) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.remoteAddress = remoteAddress;
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
                new PlatformCommands(this, dispatcher, caller, calls, liveObjects), sender);
        this.decoder = codec.newDecoder(this::handle)
                .onAnomaly(a -> LOG.log(System.Logger.Level.DEBUG, "Uplink from {0}: {1}",
                        LogText.escape(remoteAddress), LogText.escape(String.valueOf(a))));
    }

    // ------------------------------------------------------------------ frames in

    /**
     * A text frame arrived.
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
        if (tooBig) {
            disconnection = TOO_BIG;
        }
        tearDown(tooBig ? "it sent a frame larger than 16 MiB" : "the socket closed");
    }

    /**
     * The uplink stopped reading what is sent to it for longer than {@code millis}, and its socket
     * is being closed: the app log records it.
     *
     * @param millis how long a send waited
     */
    public void stalled(long millis) {
        dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "it stopped reading for " + millis
                + " ms; closing it", null);
    }

    /**
     * The WebSocket handshake failed, so the uplink never connected: the app log records a
     * refusal.
     *
     * @param reason why
     */
    public void handshakeFailed(String reason) {
        if (!refused && state == State.CONNECTING) {
            refused = true;
            dispatcher.events().uplinkRefused(remoteAddress, "bad WebSocket handshake: " + reason);
        }
    }

    void expireStalledMedia() {
        decoder.expireStalledMedia();
    }

    /** Closes the socket as the runtime closes. */
    void shutdown() {
        transport.close();
        tearDown("the runtime closed");
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
            // even the heartbeat goes to a worker: a reply sent from the socket's thread could wait
            // for the send lock that a worker holds while it waits for the socket to drain
            server.execute(() -> incoming.serve(call));
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

    private void malformed(WireFormatException e) {
        String id = e.messageId();
        if (id != null && MessageTypes.CALL.equals(e.messageType()) && (state == State.SERVER || state == State.CLIENT)) {
            sender.send(Message.Failure.of(id, new SerializationError(e.getMessage()).errorObj()));
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

    /** The key was accepted: a server uplink's if {@code trusted}, else a client uplink's. */
    void admitted(boolean trusted) {
        state = trusted ? State.SERVER : State.CLIENT;
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
        if (!refused) {
            dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "disconnected with the fatal error: "
                    + message, null);
        }
        sender.send(new Message.FatalError(message));
        state = State.CLOSED;
        transport.close();
        tearDown("fatal error: " + message);
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
        if (!refused) {
            dispatcher.events().uplinkDisconnected(remoteAddress, caller.sessionId(),
                    caller.sessionId() == null ? why + ", before it gave a key" : why);
        }
        state = State.CLOSED;
        handle.disconnect();
        dispatcher.registry().removeUplink(handle);
        decoder.close();
        calls.failAll(disconnection);
        server.forget(this);
    }

    @Override
    public String toString() {
        return "UplinkConnection[" + remoteAddress + ", " + state + "]";
    }
}
