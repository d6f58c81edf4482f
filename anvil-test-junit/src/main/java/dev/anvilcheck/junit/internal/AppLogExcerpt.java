package dev.anvilcheck.junit.internal;

/**
 * The app log of a failed test, carried as a suppressed exception of its failure so that build
 * tools print it with the failure's stack trace. It has no stack trace of its own: its message,
 * the formatted entries with their server-side stack traces, is all it says.
 */
public final class AppLogExcerpt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param excerpt the formatted entries */
    AppLogExcerpt(String excerpt) {
        super(excerpt, null, false, false);
    }

    /**
     * The message alone, so that it is printed as {@code Suppressed: App log of ...}.
     *
     * @return the excerpt
     */
    @Override
    public String toString() {
        return getMessage();
    }
}
