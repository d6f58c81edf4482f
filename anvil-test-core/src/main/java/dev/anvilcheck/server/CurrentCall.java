package dev.anvilcheck.server;

/** The thread-local holder behind {@link CallScope#bind(CallScope)} (CTX-14). */
final class CurrentCall {
    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    private CurrentCall() {}

    static CallScope get() {
        return CURRENT.get();
    }

    static CallScope.Binding bind(CallScope scope) {
        CallScope previous = CURRENT.get();
        CURRENT.set(scope);
        if (previous == null) {
            return CURRENT::remove;
        }
        return () -> CURRENT.set(previous);
    }
}
