package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.FunctionRegistry;
import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Registration;
import dev.anvilcheck.runtime.internal.UplinkHandle;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.wire.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an uplink is admitted and what it provides (Uplink protocol §2, §3.1, §3.2): its first
 * message must be the key, of protocol version 5 or later; a wrong key gets "Incorrect uplink key"
 * and the close (UPL-03), a right one the privilege it grants, the environment's description and,
 * before version 7, the platform's deprecation notice. The REGISTERs pipelined behind the key
 * follow: the functions and HTTP endpoints a server uplink registers join the registry, ahead of
 * server code (CALL-07), and run as calls to the uplink; a client uplink that registers (UPL-06),
 * an invalid name, or a live-object backend gets the platform's fatal error and the close.
 */
final class UplinkHandshake {
    private static final String OUTDATED = "You are using an outdated version of the uplink library. Please use"
            + " 'pip install --upgrade anvil-uplink' to get a new one.";
    private static final String DEPRECATED = "You are using a deprecated version of the Anvil Uplink. Upgrade for"
            + " bug-fixes and new features by typing 'pip install --upgrade anvil-uplink'";
    private static final String NO_CLIENT_REGISTER = "Cannot register @anvil.server.callable functions from an"
            + " unprivileged (client) uplink.";

    private final UplinkConnection connection;
    private final UplinkServer server;
    private final Dispatcher dispatcher;
    private final String remoteAddress;
    private final UplinkCaller caller;
    private final UplinkSender sender;
    private final CallsToUplink calls;
    private final UplinkHandle handle;

    UplinkHandshake(UplinkConnection connection, UplinkServer server, Dispatcher dispatcher, String remoteAddress,
            UplinkCaller caller, UplinkSender sender, CallsToUplink calls, UplinkHandle handle) {
        this.connection = connection;
        this.server = server;
        this.dispatcher = dispatcher;
        this.remoteAddress = remoteAddress;
        this.caller = caller;
        this.sender = sender;
        this.calls = calls;
        this.handle = handle;
    }

    /** The message that arrived while the connection waits for the key. */
    void first(Message m) {
        if (m instanceof Message.Authenticate a) {
            authenticate(a);
        } else {
            connection.refuse(OUTDATED, "bad handshake: its first message was not the uplink key but " + describe(m));
        }
    }

    private void authenticate(Message.Authenticate auth) {
        Number version = auth.version();
        if (version == null || version.doubleValue() < 5) {
            connection.refuse(OUTDATED, "bad handshake: protocol version " + version + " is outdated");
            return;
        }
        String privilege = server.privilegeOf(auth.key());
        if (privilege == null) {
            connection.refuse("Incorrect uplink key", "Incorrect uplink key");
            return;
        }
        boolean trusted = privilege.equals(Message.AuthOk.SERVER);
        if (!connection.admitted(trusted)) {
            return; // closed for its key timeout as the key arrived
        }
        caller.admit(trusted);
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put("description", server.description());
        Map<String, Object> appInfo = new LinkedHashMap<>();
        appInfo.put("id", "");
        appInfo.put("branch", null);
        appInfo.put("environment", environment);
        dispatcher.events().uplinkConnected(remoteAddress, trusted, caller.sessionId());
        sender.send(new Message.AuthOk(privilege, appInfo));
        if (version.doubleValue() < 7) {
            sender.send(new Message.Output(null, DEPRECATED));
        }
    }

    /** The uplink registers a function, or an HTTP endpoint, by {@code name}. */
    void register(String name) {
        if (connection.state() != UplinkConnection.State.SERVER) {
            connection.fatal(NO_CLIENT_REGISTER);
            return;
        }
        try {
            if (FunctionRegistry.isEndpointName(name)) {
                dispatcher.registry().registerUplinkEndpoint(name, handle,
                        command -> arguments -> calls.call(command, arguments));
                return;
            }
            Pattern.compile(name);
        } catch (PatternSyntaxException e) {
            connection.fatal("Invalid function name specification");
            return;
        }
        dispatcher.registry().registerUplink(new Registration(name, RequireUser.none(), arguments -> calls.call(name,
                arguments), "uplink", handle));
    }

    /** The uplink registers a live-object backend, which this server does not serve. */
    void registerLiveObjectBackend() {
        connection.fatal("Cannot register live-object backends the uplink.");
    }

    /** A message for the app log: its type, and for a call its command. */
    @OutsideTheSpecification("text for the app log (AppLog is excluded)")
    private static String describe(Message m) {
        String type = m.getClass().getSimpleName();
        return m instanceof Message.Call call ? type + " " + call.command() : type;
    }
}
