package dev.anvilcheck.spi;

/**
 * Optional abilities a runtime under test may declare (STYLE 3). A clause that needs an
 * undeclared feature is reported as not applicable, with the feature named.
 *
 * @since 0.1
 */
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
     * The suite may register portable classes in server code
     * ({@link RuntimeUnderTest#registerPortableClass}) and in one caller's environment only
     * ({@link Caller#registerPortableClass}), and callers invoke server methods as client code
     * does ({@link Caller#callServerMethod}; PORT-01, PORT-02, PORT-08, PORT-10, PORT-11).
     */
    PORTABLE_CLASSES
}
