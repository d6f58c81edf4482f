package dev.anvilcheck.server;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.ExceptionTypes;
import dev.anvilcheck.server.host.WireError;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The fallback class for an error whose wire type is not registered on the receiving side: it
 * keeps the original type name in {@link #errorObj()} and the original message (ERR-02, ERR-09).
 * It is also the base class of application errors that round-trip as themselves: subclass it,
 * give the subclass a public {@code (String message)} constructor and register it with
 * {@link AnvilServer#registerExceptionType(String, Class)} (ERR-05).
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public class AnvilWrappedError extends AnvilError {

    /**
     * Creates an error with a message. An instance of this exact class is untyped on the wire; a
     * subclass crosses under the name it is registered with, or else its simple class name.
     *
     * @param message the message
     */
    public AnvilWrappedError(String message) {
        super(null, message);
    }

    /**
     * Re-creates an error received from the wire, keeping its original type name and trace.
     *
     * @param errorObj the received error object
     */
    public AnvilWrappedError(WireError errorObj) {
        super(errorObj.type(), errorObj.message(), errorObj.trace());
    }

    AnvilWrappedError(String wireType, String message, List<WireError.TraceEntry> trace) {
        super(wireType, message, trace);
    }

    /**
     * The wire type: for an error received from the wire, the original type name; for a subclass
     * raised on this side, its registered name in the environment running on this thread ({@code
     * ExceptionTypes.current()}) or else its simple class name; {@code null} for
     * a plain {@code AnvilWrappedError} raised on this side.
     *
     * @return the wire type name, or {@code null}
     */
    @Override
    public String wireType() {
        return wireTypeIn(ExceptionTypes.current());
    }

    /**
     * The wire type in an environment: for an error received from the wire, the original type
     * name; for a subclass raised there, its name in {@code names} (registered there or in a
     * registry it inherits) or else its simple class name; {@code null} for a plain
     * {@code AnvilWrappedError} raised there (ERR-05).
     *
     * @param names the exception types of the environment that sends this error
     * @return the wire type name, or {@code null}
     */
    public String wireTypeIn(ExceptionTypes names) {
        String received = super.wireType();
        if (received != null || getClass() == AnvilWrappedError.class) {
            return received;
        }
        return names.nameOf(getClass());
    }

    /**
     * For an error received from the wire, the form ERR-09 gives, e.g.
     * {@code AnvilWrappedError(ValueError('x'))}; otherwise the usual exception string.
     *
     * @return a description of this error
     */
    @Override
    public String toString() {
        String type = wireType();
        if (getClass() != AnvilWrappedError.class || type == null) {
            return super.toString();
        }
        return "AnvilWrappedError(" + type + "('" + getMessage() + "'))";
    }
}
