package dev.anvilcheck.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Optional abilities a runtime under test may declare (CONVENTIONS 3). A clause that needs an
 * undeclared feature is reported as not applicable, with the feature named.
 *
 * @since 0.1
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Feature {
    /** The suite may read and advance the runtime's clock ({@link RuntimeUnderTest#time()}). */
    TIME_CONTROL,
    /** The suite may switch the app offline and the quota exhausted ({@link RuntimeUnderTest#faults()}). */
    FAULT_INJECTION,
    /** Simulated server uplinks may register functions and disconnect ({@link UplinkCaller}). */
    UPLINK_FUNCTIONS,
    /** The browser caller simulates the loading indicator ({@link BrowserCaller#callS}). */
    LOADING_INDICATOR,
    /** Overlapping calls in one session may be started from several threads (SESS-08). */
    CONCURRENT_CALLS,
    /**
     * Callers report the context their own code sees outside any call ({@link Caller#context()};
     * CTX-01, CTX-02, CTX-10, CTX-11).
     */
    CALLER_CONTEXT,
    /**
     * Server code may use the browser cookies of its session ({@code AnvilServer.cookies()};
     * SESS-16, SESS-17).
     */
    COOKIES,
    /**
     * The newer event API: server code may raise events, list and read sessions and manage
     * channel subscriptions, and browsers receive events ({@link BrowserCaller#addEventHandler};
     * MISC-05).
     */
    EVENTS,
    /**
     * HTTP endpoints can be registered ({@link RuntimeUnderTest#registerEndpoint}) and requests sent
     * to them in memory ({@link RuntimeUnderTest#http()}; HTTP-01..29).
     */
    HTTP_ENDPOINTS,
    /**
     * The runtime serves its endpoints over a real socket on the loopback interface
     * ({@link RuntimeUnderTest#listen()}; HTTP-01, HTTP-02, MISC-01).
     */
    HTTP_LOOPBACK,
    /**
     * A browser's session cookie can be sent with HTTP requests ({@link BrowserCaller#sessionCookie()};
     * CTX-04, HTTP-27).
     */
    HTTP_SESSION_COOKIE,
    /**
     * User accounts with passwords can be added, for {@code authenticate_users}
     * ({@link RuntimeUnderTest#addUser}; HTTP-09).
     */
    USER_ACCOUNTS,
    /**
     * A browser can load the app from a {@code @route} and reports the startup data it received
     * ({@link BrowserCaller#openPage(String)}; HTTP-19, MISC-03).
     */
    APP_PAGES,
    /**
     * Background tasks can be registered and launched through the SPI, and the suite can wait for
     * them to end ({@link RuntimeUnderTest#registerBackgroundTask}, {@link RuntimeUnderTest#tasks()},
     * {@link Caller#launchBackgroundTask(String, dev.anvilcheck.server.Arguments)}; TASK-01..25).
     */
    BACKGROUND_TASKS,
    /**
     * Each background task starts on a thread of its own as soon as it is launched, and runs
     * concurrently with its launcher and with the suite (TASK-01, TASK-15).
     */
    CONCURRENT_TASKS,
    /**
     * Launched background tasks wait until the suite runs them ({@link TaskControl#runPending()}),
     * one after the other, on the suite's thread.
     */
    DETERMINISTIC_TASKS,
    /**
     * The suite may register portable classes in server code
     * ({@link RuntimeUnderTest#registerPortableClass}) and in one caller's environment only
     * ({@link Caller#registerPortableClass}), and callers invoke server methods as client code
     * does ({@link Caller#callServerMethod}; PORT-01, PORT-02, PORT-08, PORT-10, PORT-11).
     */
    PORTABLE_CLASSES,
    /**
     * The runtime accepts real Uplink connections ({@link RuntimeUnderTest#uplinkEndpoint()}), so
     * the suite can observe what only the wire shows: the key handshake, fatal errors,
     * registration rights of client keys, connection loss and reconnection (UPL-02..10, UPL-12).
     * An in-process runtime that also listens for uplinks declares it, as does a provider that
     * certifies a runtime over the wire.
     */
    UPLINK_WIRE
}
