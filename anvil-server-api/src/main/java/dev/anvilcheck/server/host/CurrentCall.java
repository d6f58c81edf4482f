package dev.anvilcheck.server.host;

/** The thread-local holder behind {@link CallScope#bind(CallScope)} (CTX-14). */
final class CurrentCall {
    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    /** Ends an outermost binding: clears the slot without removing the thread-local entry. */
    private static final CallScope.Binding CLEAR = () -> CURRENT.set(null);

    private CurrentCall() {}

    static CallScope get() {
        return CURRENT.get();
    }

    static CallScope.Binding bind(CallScope scope) {
        CallScope previous = CURRENT.get();
        CURRENT.set(scope);
        return previous == null ? CLEAR : new Restore(previous);
    }

    /** Ends a nested binding by restoring the enclosing call. */
    private record Restore(CallScope previous) implements CallScope.Binding {
        @Override
        public void close() {
            CURRENT.set(previous);
        }
    }
}
