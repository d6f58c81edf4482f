package dev.anvilcheck.junit.internal;

import dev.anvilcheck.runtime.AppLog;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * Shows the runtime's app log with a failure: the entries written during the failed test (or
 * lifecycle method) are added to the thrown exception as a suppressed {@link AppLogExcerpt}, which
 * build tools print with the failure, and published as a report entry; nothing is added when the
 * log has no such entry, when the test was aborted, or when the test has no runtime. With a
 * runtime per class, the entries of a test are those written since it started (its
 * {@code @BeforeEach} methods included), marked in the test's store when it starts.
 */
public final class AppLogOnFailure {
    /** The key of the report entry that holds the app log of a failed test. */
    public static final String REPORT_KEY = "anvilcheck.appLog";
    /** At most this many entries are shown; the oldest of more are only counted. */
    static final int MAX_SHOWN = 100;
    private static final String MARK = AppLogOnFailure.class.getName() + ".mark";

    private AppLogOnFailure() {}

    /**
     * Marks where a test's entries start in the log of a runtime shared by the class's tests; a
     * runtime that does not exist yet is created during the test, so all of its entries are the
     * test's.
     *
     * @param store the test's store, which finds the class's runtime among its parents'
     */
    public static void markTestStart(ExtensionContext.Store store) {
        RuntimeResource resource = store.get(RuntimeResource.class, RuntimeResource.class);
        store.put(MARK, resource == null ? 0L : resource.runtime().appLog().lastSequence());
    }

    /**
     * Adds the app log's entries written during the test (or lifecycle method) that failed to its
     * failure, and publishes them as a report entry; the caller rethrows {@code failure}.
     *
     * @param context the context of the failed test or class
     * @param store the extension's store in that context
     * @param failure what the test threw
     */
    public static void attach(ExtensionContext context, ExtensionContext.Store store, Throwable failure) {
        if (failure instanceof TestAbortedException) {
            return;
        }
        RuntimeResource resource = store.get(RuntimeResource.class, RuntimeResource.class);
        if (resource == null) {
            return;
        }
        Long mark = store.get(MARK, Long.class);
        List<AppLog.Entry> entries = resource.runtime().appLog().entriesAfter(mark == null ? 0 : mark);
        if (entries.isEmpty()) {
            return;
        }
        String excerpt = format(entries);
        failure.addSuppressed(new AppLogExcerpt(excerpt));
        context.publishReportEntry(REPORT_KEY, excerpt);
    }

    /** The entries under a line that says what they are; the newest {@link #MAX_SHOWN} of more. */
    static String format(List<AppLog.Entry> entries) {
        int hidden = Math.max(0, entries.size() - MAX_SHOWN);
        StringBuilder out = new StringBuilder("App log of the AnvilRuntime during this test (").append(entries.size())
                .append(entries.size() == 1 ? " entry" : " entries");
        if (hidden > 0) {
            out.append(", the oldest ").append(hidden).append(" not shown: see runtime.appLog()");
        }
        out.append("):");
        for (AppLog.Entry entry : entries.subList(hidden, entries.size())) {
            out.append('\n').append(entry.format());
        }
        return out.toString();
    }
}
