package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The kinds of caller a runtime simulates (CTX-03, CTX-05), with the session client type and the
 * stack frame type the specification gives each. Frame types of the client uplink may also be
 * {@code client-uplink}.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CallerKind {
    /** Client code in a browser: untrusted, session type {@code browser}. */
    BROWSER("browser", "browser"),
    /** Server code: trusted, frame {@code server_module}; its session began in a browser. */
    SERVER_MODULE("browser", "server_module"),
    /** An uplink connected with the server key: trusted. */
    UPLINK("uplink", "uplink"),
    /** An uplink connected with the client key: untrusted, browser-level rights. */
    CLIENT_UPLINK("client_uplink", "client_uplink"),
    /** An HTTP endpoint request without a browser session: untrusted. */
    HTTP("http", "http"),
    /** Server code running in a background task: trusted, in the task's own session. */
    BACKGROUND_TASK("background_task", "server_module"),
    /** An incoming email: untrusted. */
    EMAIL("email", "email_server"),
    /** A task launched by the scheduler: untrusted. */
    SCHEDULED_TASK("background_task", "scheduled_task");

    private final String clientType;
    private final String frameType;

    CallerKind(String clientType, String frameType) {
        this.clientType = clientType;
        this.frameType = frameType;
    }

    /**
     * The {@code context.client.type} a callee sees for a session this caller began (CTX-03).
     *
     * @return the client type
     */
    public String clientType() {
        return clientType;
    }

    /**
     * The {@code context.remote_caller.type} a callee sees for this caller (CTX-05).
     *
     * @return the frame type
     */
    public String frameType() {
        return frameType;
    }
}
