package dev.anvilcheck.runtime.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Why serve mode stops, decided once: the first request wins and names the reason (the signal, the
 * end of standard input, or the JVM's shutdown). The command waits for a request, closes the
 * runtime, prints the reason and reports that it {@linkplain #finished() finished}; the shutdown
 * hook waits for that, so that a JVM that ends for another cause (a {@code System.exit}
 * elsewhere, a signal this JVM cannot hand over) still closes the runtime and prints its line.
 */
final class Stopper {
    /** How long the shutdown hook waits for the runtime to close before the JVM goes on ending. */
    private static final long SHUTDOWN_GRACE_SECONDS = 15;

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** Asks to stop for {@code why}, unless a stop was asked already. */
    void request(String why) {
        if (reason.compareAndSet(null, why)) {
            requested.countDown();
        }
    }

    /** Waits for the first request; returns its reason. */
    String awaitRequest() throws InterruptedException {
        requested.await();
        return reason.get();
    }

    /** Tells the shutdown hook that the runtime is closed and the line printed. */
    void finished() {
        finished.countDown();
    }

    /**
     * Stops on these signals ({@code "TERM"}, {@code "INT"}, {@code "HUP"}), with the reason
     * {@code SIG<name>}. A signal the JVM ignores, as {@code nohup} makes SIGHUP and a shell makes
     * SIGINT for a background job, stays ignored (the JVM does not install a handler for it). A
     * signal that cannot be handed over here (a JVM run with {@code -Xrs}, or without module
     * {@code jdk.unsupported}) is left to the JVM, whose shutdown runs {@link #onShutdown()}'s hook.
     * (javac warns that {@code sun.misc.Signal} is internal proprietary API: it is what module
     * {@code jdk.unsupported} exports for exactly this, as long as the JDK has no supported way.)
     */
    void onSignals(String... names) {
        for (String name : names) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> request("SIG" + signal.getName()));
            } catch (IllegalArgumentException | LinkageError e) {
                // left to the JVM, whose shutdown runs the hook of onShutdown()
            }
        }
    }

    /**
     * A shutdown hook: if the JVM ends before a stop was asked, it asks one ({@code JVM shutdown})
     * and waits for the runtime to close; after a stop asked otherwise it returns at once.
     */
    void onShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            request("JVM shutdown");
            try {
                finished.await(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "anvilcheck-serve-shutdown"));
    }

    /** Stops when {@code in} reaches end of file ({@code standard input closed}) or fails. */
    void onEndOfInput(InputStream in) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    continue;
                }
                request("standard input closed");
            } catch (IOException e) {
                request("standard input failed (" + e.getMessage() + ")");
            }
        }, "anvilcheck-serve-stdin");
        reader.setDaemon(true);
        reader.start();
    }
}
