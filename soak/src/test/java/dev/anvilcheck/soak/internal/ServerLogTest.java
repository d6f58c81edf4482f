package dev.anvilcheck.soak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Expected app-log records are told from real failures. */
class ServerLogTest {
    @Test
    void refusalsDisconnectsAndMalformedMessagesAreExpected() throws IOException {
        ServerLog log = new ServerLog(null, 0, null);
        log.line("2026-01-01T00:00:00.1Z WARNING uplink 127.1.0.5: uplink refused: Incorrect uplink key");
        log.line("2026-01-01T00:00:00.1Z INFO uplink 127.1.0.5 [session abc]: uplink disconnected: the socket closed");
        log.line("2026-01-01T00:00:00.1Z ERROR uplink 127.1.0.6 [session abc]: Malformed message from the uplink;"
                + " closing it. Internal server error: 1a2b3c");
        log.line("    dev.anvilcheck.wire.WireFormatException: Not a JSON object: x");
        log.line("        at dev.anvilcheck.wire.Decoder.text(Decoder.java:83)");
        log.line("    Caused by: com.fasterxml.jackson.core.JsonParseException: Unexpected character");
        log.line("2026-01-01T00:00:00.1Z ERROR call echo  [session abc]: TypeError: echo() missing 1 required argument");
        assertThat(log.summary().errors()).isZero();
        assertThat(log.summary().expected()).isEqualTo(4);
    }

    @Test
    void internalExceptionsStallsAndJvmErrorsAreErrors() throws IOException {
        ServerLog log = new ServerLog(null, 0, null);
        log.line("2026-01-01T00:00:00.1Z ERROR uplink 127.1.0.7 [session abc]: Malformed message from the uplink;"
                + " closing it. Internal server error: 1a2b3c");
        log.line("    dev.anvilcheck.wire.WireFormatException: Invalid message: java.lang.ClassCastException: x");
        log.line("    Caused by: java.lang.ClassCastException: class java.lang.Long cannot be cast");
        log.line("        at dev.anvilcheck.wire.MessageClassifier.route(MessageClassifier.java:60)");
        log.line("2026-01-01T00:00:00.1Z ERROR uplink 127.1.0.8 [session abc]: it stopped reading for 30000 ms;"
                + " closing it");
        log.line("Exception in thread \"x\" java.lang.OutOfMemoryError: Java heap space");
        log.line("Dec 07, 2026 4:49:07 PM io.netty.util.ResourceLeakDetector reportTracedLeak");
        log.line("SEVERE: LEAK: ByteBuf.release() was not called");
        SoakReport.Log summary = log.summary();
        assertThat(summary.errors()).isEqualTo(4);
        assertThat(summary.errorKinds()).containsKeys("internal-exception", "stall-with-a-reading-peer",
                "fatal-marker");
        assertThat(summary.errorSignatures().get(0).signature())
                .isEqualTo("internal-exception: java.lang.ClassCastException at dev.anvilcheck.wire.MessageClassifier.route");
    }
}
