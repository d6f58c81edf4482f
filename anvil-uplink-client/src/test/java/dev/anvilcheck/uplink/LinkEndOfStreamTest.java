package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import dev.anvilcheck.wire.WireFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A link notices the end of its connection however it comes (UPL-10): the peer sends a message and
 * at once ends the connection with a FIN and no Close frame, as a server that dies right after
 * answering does, so that the end of stream reaches the client while the message is being handled
 * (with the JDK's default executor the JDK 17 WebSocket lost that end of stream in about one
 * connection of two: neither {@code onClose} nor {@code onError} came); or a send fails.
 */
class LinkEndOfStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String RESPONSE = "{\"id\":\"c1\",\"response\":\"r\",\"objects\":[]}";

    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** What a link reported: the messages, and how many had arrived when it reported its end. */
    private static final class Recorder implements Link.Handler {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile int messagesAtEnd = -1;

        @Override
        public void received(Link link, Message message) {
            messages.add(message);
        }

        @Override
        public void undecodable(Link link, WireFormatException e) {
            throw new AssertionError("undecodable: " + e.getMessage(), e);
        }

        @Override
        public void closed(Link link) {
            messagesAtEnd = messages.size();
            ended.countDown();
        }
    }

    @Test
    @DisplayName("UPL-10 a message followed at once by the end of the TCP connection: the link hands over the"
            + " message, then reports its end (each of 30 connections)")
    void messageThenEndOfStream() throws Exception {
        for (int i = 0; i < 30; i++) {
            Recorder recorder = new Recorder();
            try (RawWebSocketPeer peer = new RawWebSocketPeer()) {
                CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                    try {
                        peer.accept();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, workers);
                Link link = new Link(WireCodec.create(), recorder, workers, WAIT);
                link.open(peer.uri());
                try {
                    accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    peer.sendText(RESPONSE);
                    peer.endOutput();

                    assertThat(recorder.ended.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                            .as("connection %d: the link reported its end within %s", i, WAIT).isTrue();
                    assertThat(recorder.messagesAtEnd).as("connection %d: messages handed over before the end", i)
                            .isEqualTo(1);
                    assertThat(recorder.messages).singleElement().isInstanceOf(Message.Response.class);
                } finally {
                    link.close();
                }
            }
        }
    }

    @Test
    @DisplayName("UPL-10 a send that fails ends the link: its end is reported, so that every outstanding call fails")
    void failedSendEndsTheLink() throws Exception {
        Recorder recorder = new Recorder();
        try (RawWebSocketPeer peer = new RawWebSocketPeer()) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try {
                    peer.accept();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, workers);
            WireCodec codec = WireCodec.create();
            Link link = new Link(codec, recorder, workers, WAIT);
            link.open(peer.uri());
            try {
                accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                // the JDK closes the socket's output once its Close frame is out: every send after fails
                link.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);

                assertThatThrownBy(() -> link.send(codec.encode(Message.Call.of("c2", "f", Arguments.of()))))
                        .isInstanceOf(CompletionException.class);
                assertThat(recorder.ended.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("the link reported its end within %s", WAIT).isTrue();
            } finally {
                link.close();
            }
        }
    }
}
