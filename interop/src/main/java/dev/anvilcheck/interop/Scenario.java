package dev.anvilcheck.interop;

import java.util.List;
import java.util.Objects;

/**
 * One scenario of the interop harness: the same steps played by the official Python client
 * ({@code interop/python/interop_scenarios.py}) and by the Java client ({@link JavaScenarios}),
 * whose outcomes are compared.
 *
 * @param id the scenario's id, the same on both sides, e.g. {@code cap-narrow-hand-back}
 * @param clause the clause of {@code spec/SEMANTICS.md} it checks first, e.g. {@code CAP-06}
 * @param key which key the client connects with
 * @param checks what it checks, in a few words
 * @since 0.1
 */
public record Scenario(String id, String clause, Key key, String checks) {
    /**
     * Validates the record.
     *
     * @param id the id
     * @param clause the clause
     * @param key the key kind
     * @param checks what it checks
     */
    public Scenario {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(checks, "checks");
    }

    /** The key a scenario's client connects with. */
    public enum Key {
        /** The server uplink key: trusted, and the client provides the uplink-side functions. */
        SERVER,
        /** The client uplink key: a browser's rights, and the client provides nothing. */
        CLIENT
    }

    /**
     * Every scenario, in the order the harness prints them.
     *
     * @return the catalogue
     */
    public static List<Scenario> catalogue() {
        return CATALOGUE;
    }

    private static Scenario s(String id, String clause, String checks) {
        return new Scenario(id, clause, Key.SERVER, checks);
    }

    private static Scenario c(String id, String clause, String checks) {
        return new Scenario(id, clause, Key.CLIENT, checks);
    }

    private static final List<Scenario> CATALOGUE = List.of(
            s("call-args-kwargs", "CALL-03",
                    "positional and keyword arguments arrive as sent, with the Java types serve mode makes"),
            s("call-return-nested", "CALL-04", "a nested return value comes back whole"),
            s("call-no-such-function", "CALL-05", "an unknown name raises NoServerFunctionError"),
            s("call-not-callable", "CALL-06", "a public method without @Callable is not callable"),
            s("call-task-is-not-callable", "CALL-12", "a background task's name is not callable"),
            s("call-uplink-shadows-server", "CALL-07", "the uplink's own function wins over the server module's"),
            s("call-stack-overflow", "CALL-13",
                    "server and uplink calling each other end in anvil.server.StackOverflow"),
            s("call-unserialisable-argument", "CALL-20", "an argument that cannot cross fails in the caller"),
            s("call-unserialisable-return", "CALL-21", "a return value that cannot cross raises SerializationError"),
            s("call-server-to-uplink-kwargs", "CALL-03",
                    "server code's positional and keyword arguments reach the uplink"),
            s("call-registered-after-connect", "UPL-05", "a function registered after connecting is callable"),
            s("ctx-server-sees-uplink", "CTX-05", "server code sees a trusted uplink caller in the uplink's session"),
            s("ctx-uplink-in-served-call", "CTX-01", "the uplink's context inside a call from server code"),
            s("ctx-uplink-top-level", "CTX-10", "the uplink's context with no call in progress"),
            s("ctx-nested-call-stack", "CTX-13", "the call stack of server -> uplink -> server"),
            s("ctx-uplink-background-task", "CTX-09", "the context inside a task the uplink provides"),
            c("ctx-client-key-caller", "UPL-07", "server code sees an untrusted client-uplink caller"),
            c("ctx-client-key-own-context", "CTX-02", "a client uplink's own context type is client"),
            s("sess-id-top-level", "SESS-09", "get_session_id at the top level is the session server code sees"),
            s("sess-id-in-served-call", "SESS-09", "get_session_id inside a served call is the caller's session"),
            s("sess-data-persists", "SESS-15", "session data written by one call is read by the next"),
            s("sess-rollback-on-error", "SESS-07", "a call that raises leaves the session as it was"),
            s("sess-media-refused", "SESS-04", "Media in the session fails the call with SerializationError"),
            s("sess-cookies-read-top-level", "SESS-17",
                    "reading a cookie at the uplink's top level raises CookieError"),
            s("sess-cookies-write-top-level", "SESS-16",
                    "writing a cookie at the uplink's top level raises CookieError"),
            s("sess-cookies-in-server-call", "SESS-17", "server code called from an uplink cannot read cookies"),
            s("sess-cookies-in-served-call", "SESS-16", "the uplink reading cookies inside a call from server code"),
            s("sess-uplink-session-object", "Q-03", "the uplink writing anvil.server.session inside a served call"),
            c("sess-id-client-key", "AUTH-06", "get_session_id on a client uplink is refused"),
            c("sess-cookies-client-key", "AUTH-06", "cookies on a client uplink are refused"),
            s("cap-issue-scope", "CAP-04", "a capability issued by server code arrives with its scope"),
            s("cap-narrow-locally", "CAP-05", "narrowing on the uplink gives a new, longer scope"),
            s("cap-equality", "CAP-09", "capabilities compare by their full scope"),
            s("cap-narrow-hand-back", "CAP-08", "a narrowed capability handed back arrives with the full scope"),
            s("cap-unwrap-on-server", "CAP-13", "unwrap_capability on the server pads a broader scope with None"),
            s("cap-too-narrow-on-server", "CAP-11", "a scope longer than the pattern raises ValueError"),
            s("cap-unwrap-on-uplink", "CAP-12", "unwrap_capability on the uplink"),
            s("cap-made-by-uplink", "CAP-08", "a MAC-less capability made by a trusted uplink"),
            s("cap-relay-server-to-uplink", "CAP-06",
                    "a narrowed capability from server code reaches the uplink whole"),
            s("cap-updates-uplink-to-server", "CAP-18", "updates the uplink sends reach server code's handler, merged"),
            s("cap-updates-server-to-uplink", "CAP-18", "updates server code sends reach the uplink's handler, merged"),
            s("cap-update-non-dict-then-dict", "CAP-17", "a dict update after a non-dict one fails on the uplink"),
            s("cap-invalid-scopes", "CAP-01", "empty, reserved and non-list scopes are refused"),
            s("ser-int-small", "SER-06", "32-bit integers cross as integers"),
            s("ser-int-beyond-32-bits", "SER-06", "64-bit integers cross exactly"),
            s("ser-int-beyond-64-bits", "SER-06", "integers beyond 64 bits cross exactly"),
            s("ser-float-special", "SER-05", "NaN and the infinities cross"),
            s("ser-float-values", "SER-05", "floats cross bit for bit, -0.0 and subnormals included"),
            s("ser-float-integral", "SER-06", "integral floats stay floats"),
            s("ser-bool", "SER-06", "booleans stay booleans"),
            s("ser-aware-datetime", "SER-08", "aware date-times keep offset and microseconds"),
            s("ser-utc-datetime", "SER-08", "a UTC date-time"),
            s("ser-naive-datetime", "SER-09", "a naive date-time is stamped with the sender's offset"),
            s("ser-naive-datetime-from-server", "SER-09", "a naive date-time made by server code"),
            s("ser-values-in-incoming-call", "SER-06",
                    "big integers, NaN, -0.0, date-times and astral text in a call to the uplink"),
            s("ser-date", "SER-07", "dates, year 1 and 9999 included"),
            s("ser-unicode-strings", "SER-01", "accents, CJK, astral characters, NUL, controls, separators"),
            s("ser-unicode-keys", "SER-01", "unicode dictionary keys"),
            s("ser-empty-containers", "SER-01", "empty lists and dicts"),
            s("ser-tuple-becomes-list", "SER-03", "a tuple (Python) or list (Java) arrives as a list"),
            s("ser-dict-non-string-key", "SER-02", "a non-string dictionary key is refused in the caller"),
            s("ser-bytes-refused", "SER-04", "bytes (byte[] in Java) are refused in the caller"),
            s("err-value-error", "ERR-02", "a server ValueError arrives as AnvilWrappedError of type ValueError"),
            s("err-key-error", "ERR-03", "a server KeyError arrives as KeyError"),
            s("err-permission-denied", "ERR-04", "PermissionDenied arrives as itself"),
            s("err-registered-types", "ERR-04", "every registered anvil.server error type arrives as itself"),
            s("err-background-task-killed", "ERR-04", "BackgroundTaskKilled, not registered in server code (Q-05)"),
            s("err-authentication-failed", "ERR-02", "anvil.users.AuthenticationFailed"),
            s("err-custom-registered", "ERR-05", "an application error type registered on both sides"),
            s("err-plain-server-exception", "ERR-01", "a plain Java exception of server code"),
            s("err-uplink-raises-value-error", "ERR-01", "server code receives the uplink's ValueError"),
            s("err-uplink-raises-key-error", "ERR-03", "server code receives the uplink's KeyError"),
            s("err-uplink-raises-runtime-error", "ERR-01", "server code receives the uplink's RuntimeError"),
            s("err-uplink-raises-permission-denied", "ERR-01", "server code receives the uplink's PermissionDenied"),
            s("err-uplink-raises-custom", "ERR-05", "server code receives the uplink's registered error type"),
            s("media-upload-multichunk", "MEDIA-02", "200 000 bytes from the uplink to server code"),
            s("media-download-multichunk", "MEDIA-02", "300 000 bytes from server code to the uplink"),
            s("media-round-trip", "MEDIA-01", "Media there and back keep type, name and bytes"),
            s("media-empty", "MEDIA-01", "an empty Media both ways"),
            s("media-chunk-boundaries", "MEDIA-02", "65 535, 65 536, 65 537 and 131 072 bytes"),
            s("media-relay-server-to-uplink", "MEDIA-02", "server code passes a multi-chunk Media to the uplink"),
            s("media-uplink-returns", "MEDIA-01", "the uplink returns a Media to server code"),
            s("port-server-to-uplink", "PORT-04", "a portable object from server code"),
            s("port-uplink-to-server", "PORT-03", "a portable object from the uplink"),
            s("port-round-trip", "PORT-03", "a portable object there and back"),
            s("port-unknown-class", "PORT-08", "a portable class the uplink does not know"),
            s("task-server-task", "TASK-01", "a server task launched by the uplink: status, return value, state"),
            s("task-failing", "TASK-10", "a failing task: status, error, is_completed"),
            s("task-unknown-name", "TASK-03", "launching an unknown task gives a failed task"),
            s("task-not-found", "TASK-19", "get_background_task with an unknown id"),
            s("task-uplink-provided", "TASK-01", "a task the uplink provides, launched by the uplink"),
            s("task-server-launches-uplink-task", "UPL-05", "server code launches a task the uplink provides"),
            s("task-state-outside-task", "TASK-06", "task_state outside a task raises"),
            c("task-client-key-launch", "TASK-02", "a client uplink cannot launch a task"),
            s("http-get-path-query", "HTTP-05",
                    "GET to the uplink's endpoint: path and query parameters, request, context"),
            s("http-post-json-body", "HTTP-25", "POST with a JSON body"),
            s("http-post-form", "HTTP-23", "POST with a form body"),
            s("http-method-not-allowed", "HTTP-06", "a method the endpoint does not accept gets 405"),
            s("http-response-object", "HTTP-15", "HttpResponse with status and header"),
            s("http-returns-media", "HTTP-12", "an endpoint returning Media"),
            s("http-endpoint-raises", "HTTP-17", "an endpoint that raises gets 500"),
            s("http-require-credentials", "HTTP-08", "require_credentials: 401 without, the credentials with"),
            s("http-route", "HTTP-01", "a route the uplink provides at the app's root"),
            s("http-wellknown", "HTTP-01", "a well-known endpoint the uplink provides"),
            s("http-empty-path-param", "HTTP-03", "a path parameter matches the empty string"),
            s("http-cors-preflight", "HTTP-07", "a CORS preflight"));
}
