package dev.anvilcheck.runtime.internal.uplink;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import dev.anvilcheck.runtime.internal.Dispatcher;
import dev.anvilcheck.runtime.internal.Launcher;
import dev.anvilcheck.runtime.internal.SessionRecord;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.StackFrame;
import dev.anvilcheck.value.Side;
import java.time.ZoneOffset;

/**
 * The uplink as a caller of the app, from the moment its key is accepted: its stack frame
 * ({@code uplink} for a server key, UPL-08, or {@code client_uplink} for a client key, UPL-07), the
 * side its values cross from (UTC, the server's portable classes relaying those it does not know,
 * Uplink protocol §4.5), and the connection's default session, in which its top-level calls run and
 * which is renewed when it expired (SESS-15). Before the key, all three are {@code null}.
 */
final class UplinkCaller {
    private final Dispatcher dispatcher;
    private final String remoteAddress;
    private final PortableClasses relayed;
    private volatile SessionRecord session;
    private volatile StackFrame frame;
    private volatile Side side;

    UplinkCaller(Dispatcher dispatcher, String remoteAddress, PortableClasses relayed) {
        this.dispatcher = dispatcher;
        this.remoteAddress = remoteAddress;
        this.relayed = relayed;
    }

    /** The key was accepted: a server uplink's if {@code trusted}, else a client uplink's. */
    void admit(boolean trusted) {
        frame = StackFrame.of(trusted ? "uplink" : "client_uplink");
        side = new Side(ZoneOffset.UTC, relayed, trusted);
        session = newSession();
    }

    private SessionRecord newSession() {
        String type = isClient() ? "client_uplink" : "uplink";
        return dispatcher.newSession(new ClientInfo(type, remoteAddress, null), null);
    }

    /** The connection's default session, renewed when it expired (SESS-15). */
    SessionRecord sessionForCall() {
        SessionRecord current = session;
        if (dispatcher.expired(current)) {
            current = newSession();
            session = current;
        }
        return current;
    }

    /** The id of the connection's default session, {@code null} before the key. */
    @OutsideTheSpecification("the session id that app-log lines name, its only readers (AppLog is excluded)")
    String sessionId() {
        SessionRecord current = session;
        return current == null ? null : current.id();
    }

    /** Whether the uplink connected with the client key (UPL-07). */
    boolean isClient() {
        StackFrame current = frame;
        return current != null && !current.isTrusted();
    }

    /** The uplink's frame, the bottom of the stack of its top-level calls. */
    StackFrame frame() {
        return frame;
    }

    /** The side the uplink's values cross from. */
    Side side() {
        return side;
    }

    /** The uplink as the launcher of the background tasks its top-level code launches. */
    Launcher launcher() {
        return Launcher.top(frame, side, false);
    }
}
