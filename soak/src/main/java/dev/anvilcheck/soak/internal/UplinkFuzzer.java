package dev.anvilcheck.soak.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives fuzz connections to the Uplink WebSocket: each worker takes the next connection index,
 * opens a {@link RawWebSocket} from that index's loopback address, sends its
 * {@linkplain FrameGenerator.Script script} frame by frame (an oversize frame when the
 * {@link RunControl} says so) until the script ends, the server closes the connection or the run
 * stops, then ends it as the script says (close frame, FIN or reset). It keeps, for the log
 * classifier, how far each recent connection got, so a server error can be traced to a connection
 * and a frame. Thread-safe: any number of workers share one fuzzer.
 *
 * @since 0.1
 */
public final class UplinkFuzzer {
    private static final int RECENT = 4096;

    private final InetSocketAddress server;
    private final FrameGenerator generator;
    private final long seed;
    private final RunControl control;
    private final Tally frames;
    private final Tally connections;
    private final AtomicLong nextIndex;
    private final Map<Long, Progress> live = new ConcurrentHashMap<>();
    private final Map<Long, Progress> recent = new LinkedHashMap<>(RECENT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Progress> eldest) {
            return size() > RECENT;
        }
    };

    /**
     * How far one connection got: the frames it sent and the category of the last one.
     *
     * @since 0.1
     */
    public static final class Progress {
        volatile int sent;
        volatile String last = "";
        volatile boolean serverClosed;
        volatile RawWebSocket socket;

        /**
         * @return a one-line description
         * @since 0.1
         */
        @Override
        public String toString() {
            return sent + " frames sent, the last " + last + (serverClosed ? ", then the server closed it" : "");
        }
    }

    /**
     * @param server the serve process's address
     * @param generator the frame generator
     * @param seed the run's seed (masks and handshake keys are drawn from it too)
     * @param control when to stop
     * @param frames counts frames by category
     * @param connections counts connections by key kind and outcome
     * @param firstIndex the first connection index, minus one
     * @since 0.1
     */
    public UplinkFuzzer(InetSocketAddress server, FrameGenerator generator, long seed, RunControl control, Tally frames,
            Tally connections, long firstIndex) {
        this.server = server;
        this.generator = generator;
        this.seed = seed;
        this.control = control;
        this.frames = frames;
        this.connections = connections;
        this.nextIndex = new AtomicLong(firstIndex);
    }

    /**
     * Runs fuzz connections one after another until the run stops.
     *
     * @since 0.1
     */
    public void work() {
        while (!control.done()) {
            connection(nextIndex.incrementAndGet(), null);
        }
    }

    /**
     * Runs connection {@code index}'s script; with a {@code pause}, waits that many milliseconds
     * after each frame and calls {@code afterFrame} (replay mode).
     *
     * @param index the connection's index
     * @param afterFrame called after each frame with its number (from 1) and the frame, or {@code null}
     * @return whether the connection was opened
     * @since 0.1
     */
    public boolean connection(long index, FrameListener afterFrame) {
        FrameGenerator.Script script = generator.script(index);
        connections.add("opened");
        connections.add("key-" + script.key().name().toLowerCase(java.util.Locale.ROOT));
        RawWebSocket ws;
        try {
            ws = RawWebSocket.open(server, Loopback.fuzz(index), "/_/uplink", new Random(seed ^ index), 5_000);
        } catch (IOException e) {
            connections.add("connect-failed");
            return false;
        }
        if (ws == null) {
            connections.add("upgrade-refused");
            return false;
        }
        Progress progress = new Progress();
        progress.socket = ws;
        live.put(index, progress);
        try {
            ws.startReader(script::serverCalled, "soak-fuzz-reader-" + index);
            if (script.key() == FrameGenerator.KeyKind.SILENT) {
                sleep(script.silentMillis());
            }
            Frame f;
            while ((f = script.next()) != null && !control.done()) {
                if (afterFrame == null && control.takeOversize()) {
                    f = script.oversize();
                }
                try {
                    ws.send(f);
                } catch (IOException e) {
                    if (f.category().equals("oversize")) {
                        // the server refuses it by closing the connection while it is still being written
                        control.frameSent();
                        frames.add("oversize-refused-while-sent");
                    }
                    connections.add("send-failed-after-server-close");
                    break;
                }
                control.frameSent();
                frames.add(f.category());
                progress.sent++;
                progress.last = f.category();
                if (afterFrame != null) {
                    afterFrame.sent(progress.sent, f);
                }
                if (ws.serverClosed()) {
                    progress.serverClosed = true;
                    connections.add("closed-by-server");
                    break;
                }
            }
        } finally {
            ws.end(script.ending());
            connections.add("ended-" + script.ending().name().toLowerCase(java.util.Locale.ROOT));
            live.remove(index);
            synchronized (recent) {
                recent.put(index, progress);
            }
            progress.socket = null;
        }
        return true;
    }

    /**
     * Closes every connection still open (a worker blocked on a server that does not read returns).
     *
     * @since 0.1
     */
    public void closeAll() {
        for (Progress p : live.values()) {
            RawWebSocket ws = p.socket;
            if (ws != null) {
                ws.close();
            }
        }
    }

    /**
     * Called after each frame in replay mode.
     *
     * @since 0.1
     */
    @FunctionalInterface
    public interface FrameListener {
        /**
         * @param number the frame's number in its connection, from 1
         * @param frame the frame sent
         * @since 0.1
         */
        void sent(int number, Frame frame);
    }

    /**
     * What is known of connection {@code index}: how far it got, if it is live or recent.
     *
     * @param index the connection's index
     * @return a description, or {@code null}
     * @since 0.1
     */
    public String progressOf(long index) {
        Progress p = live.get(index);
        if (p != null) {
            return "live, " + p;
        }
        synchronized (recent) {
            p = recent.get(index);
        }
        return p == null ? null : "ended, " + p;
    }

    /**
     * The indexes of the connections open now, for a server error that names none.
     *
     * @return up to 16 indexes
     * @since 0.1
     */
    public java.util.List<Long> liveIndexes() {
        return live.keySet().stream().sorted().limit(16).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
