package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.SerializationError;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.server.host.WireError;
import dev.anvilcheck.value.CapabilityTranslator;
import dev.anvilcheck.wire.Encoded;
import dev.anvilcheck.wire.LiveObjects;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.util.List;

/**
 * The way out of one connection: every message this server sends the uplink is encoded here and
 * written to its transport, a message's Media chunks right behind it (Uplink protocol §3.6), with
 * the capability translation of the call it leaves through (CAP-06): a CALL's arguments through the
 * scope of the function that calls the uplink, a reply through the call the uplink is serving when
 * it made the call answered, anything else as a copy. A reply that cannot be encoded, or is too
 * large (§1.5), is replaced by an {@code InternalError} whose number the app log records.
 */
final class UplinkSender {
    private final WireCodec codec;
    private final UplinkTransport transport;
    private final Dispatcher dispatcher;
    private final String remoteAddress;
    private final UplinkCaller caller;

    UplinkSender(WireCodec codec, UplinkTransport transport, Dispatcher dispatcher, String remoteAddress,
            UplinkCaller caller) {
        this.codec = codec;
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.remoteAddress = remoteAddress;
        this.caller = caller;
    }

    /** Sends a message that leaves through no call; false if the socket is closed. */
    boolean send(Message m) {
        return transport.send(codec.encode(m));
    }

    /** Sends a CALL made from the function running in {@code scope} (or none); false if the socket is closed. */
    boolean sendCall(Message.Call call, CallScope scope) {
        Encoded encoded = codec.encode(call, Dispatcher.leavingFor(scope));
        return transport.send(encoded);
    }

    /**
     * Sends the reply to a call the uplink made, through {@code serving}, the scope of the call this
     * server is making to the uplink that the call was made in, if any.
     */
    void reply(Message.Call call, Message reply, CallScope serving) {
        Encoded encoded;
        try {
            // what leaves within a call the uplink serves (switch_session!'s session data) is re-issued
            // through that call, as the capabilities of a CALL are (CAP-06)
            // the reply's portable objects are serialised for this uplink: a client uplink is not trusted (PORT-05)
            encoded = codec.withRemoteTrust(!caller.isClient()).encode(reply, serving != null
                    ? Dispatcher.leavingFor(serving) : CapabilityTranslator.COPY);
        } catch (SerializationError e) {
            String errorId = ConnectionIds.errorId();
            dispatcher.events().uplinkFailed(remoteAddress, caller.sessionId(), "The reply to its call " + call.id()
                    + " (" + (call.command() == null ? LiveObjects.TASK_BACKEND : call.command())
                    + ") could not be sent. Internal server error: " + errorId, e);
            encoded = codec.encode(Message.Failure.of(call.id(), new WireError(InternalError.WIRE_TYPE,
                    e.getMessage().startsWith("Payload too large") ? e.getMessage()
                            : "Internal server error: " + errorId, List.of())));
        }
        transport.send(encoded);
    }
}
