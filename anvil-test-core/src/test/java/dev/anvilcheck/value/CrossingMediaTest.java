package dev.anvilcheck.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.SerializationError;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingMediaTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Side SERVER = Side.of(UTC);

    /** Media whose content cannot be read, as when a sender's upload breaks off. */
    private static final class BrokenMedia implements Media {
        private final RuntimeException failure;

        BrokenMedia(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public String contentType() {
            return "image/png";
        }

        @Override
        public String name() {
            return "photo.png";
        }

        @Override
        public byte[] getBytes() {
            throw failure;
        }

        @Override
        public long length() {
            throw failure;
        }
    }

    /** Media served from a URL. */
    private static final class UrlMedia implements Media {
        @Override
        public String contentType() {
            return "text/plain";
        }

        @Override
        public String name() {
            return null;
        }

        @Override
        public byte[] getBytes() {
            return "hi".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long length() {
            return 2;
        }

        @Override
        public String url() {
            return "https://example.com/hi.txt";
        }
    }

    private static LazyMedia lazy(AtomicInteger fetches) {
        return new LazyMedia("row-1/file", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("text/csv", "a,b".getBytes(StandardCharsets.UTF_8), "table.csv");
        });
    }

    @Test
    @DisplayName("[MEDIA-01] Media arrives without its URL")
    void media01_urlIsNotPreserved() {
        Media received = (Media) Crossing.from(UTC).returnValue(new UrlMedia());

        assertThat(received.url()).isNull();
        assertThat(received.getBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
        assertThat(received.name()).isNull();
    }

    @Test
    @DisplayName("[MEDIA-03] Media whose bytes fail crosses; reading the copy raises the sender's error as it crossed")
    void media03_failedContentRaisesTheTransmittedError() {
        Arguments received = Crossing.from(UTC)
                .arguments(Arguments.of(new BrokenMedia(new InternalError("disk gone"))));

        Media media = (Media) received.get(0);
        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.name()).isEqualTo("photo.png");
        Throwable first = org.assertj.core.api.Assertions.catchThrowable(media::getBytes);
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(media::length);
        assertThat(first).isExactlyInstanceOf(InternalError.class).hasMessage("disk gone");
        assertThat(second).isExactlyInstanceOf(InternalError.class).isNotSameAs(first);
    }

    @Test
    @DisplayName("[MEDIA-03] an error of an unregistered type arrives wrapped, keeping its type name (ERR-02)")
    void media03_unregisteredErrorArrivesWrapped() {
        Media media = (Media) Crossing.from(UTC)
                .returnValue(new BrokenMedia(new IllegalStateException("stream closed")));

        assertThatThrownBy(media::getBytes).isExactlyInstanceOf(AnvilWrappedError.class)
                .hasMessage("stream closed")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isEqualTo("IllegalStateException"));
    }

    @Test
    @DisplayName("[MEDIA-03] a failed Media forwarded again keeps its error")
    void media03_forwardedFailureKeepsItsError() {
        Object once = Crossing.from(UTC).returnValue(new BrokenMedia(new InternalError("gone")));
        Media twice = (Media) Crossing.from(UTC).returnValue(once);

        assertThatThrownBy(twice::getBytes).isExactlyInstanceOf(InternalError.class).hasMessage("gone");
    }

    @Test
    @DisplayName("[MEDIA-04] LazyMedia travels as a new, unfetched reference and fetches once on first use")
    void media04_lazyMediaTravelsByReference() {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia sent = lazy(fetches);

        Object received = Crossing.from(UTC).returnValue(List.of(sent));

        LazyMedia copy = (LazyMedia) ((List<?>) received).get(0);
        assertThat(fetches.get()).isZero();
        assertThat(copy).isNotSameAs(sent).isEqualTo(sent);
        assertThat(copy.isFetched()).isFalse();
        assertThat(copy.contentType()).isEqualTo("text/csv");
        assertThat(copy.name()).isEqualTo("table.csv");
        assertThat(copy.getBytes()).asString(StandardCharsets.UTF_8).isEqualTo("a,b");
        assertThat(copy.length()).isEqualTo(3);
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(sent.isFetched()).isFalse();
    }

    @Test
    @DisplayName("[MEDIA-05] in-memory Media is refused in the session; LazyMedia is stored (SESS-04, SESS-06)")
    void media05_session() {
        AtomicInteger fetches = new AtomicInteger();
        Map<String, Object> stored = Crossing.from(UTC).sessionData(Map.of("file", lazy(fetches)));

        assertThat(stored.get("file")).isInstanceOf(LazyMedia.class);
        assertThat(fetches.get()).isZero();
        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(Map.of("file", new BlobMedia("a/b", new byte[0]))))
                .isExactlyInstanceOf(SerializationError.class);
    }

    @Test
    @DisplayName("[MEDIA-05] in-memory Media is refused in task state with the platform's message; LazyMedia is not")
    void media05_taskState() {
        assertThatThrownBy(() -> Crossing.from(SERVER).taskState(Map.of("file", new BlobMedia("a/b", new byte[0]))))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Illegal value in a anvil.server.task_state. Cannot use BlobMedia objects in task state"
                        + " at msg['response']['file']");
        assertThatThrownBy(() -> Crossing.from(SERVER).taskState(Map.of("bad", Map.of(1, 2))))
                .hasMessage("Illegal value in a anvil.server.task_state. Cannot serialize dictionaries with keys"
                        + " that aren't strings at msg['response']['bad'][1]");
        AtomicInteger fetches = new AtomicInteger();
        Object state = Crossing.from(SERVER).taskState(Map.of("file", lazy(fetches), "n", 1));
        assertThat(((Map<?, ?>) state).get("file")).isInstanceOf(LazyMedia.class);
        assertThat(((Map<?, ?>) state).get("n")).isEqualTo(1L);
        assertThat(fetches.get()).isZero();
    }

    @Test
    @DisplayName("[MEDIA-05] a task returning in-memory Media fails with the platform's message (TASK-21)")
    void media05_taskReturnValue() {
        assertThatThrownBy(() -> Crossing.from(SERVER).taskReturnValue(List.of(new BlobMedia("a/b", new byte[0]))))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("The state or return value could not be serialised");
        assertThatThrownBy(() -> Crossing.from(SERVER).taskReturnValue(new Object()))
                .hasMessage("Cannot serialize return value from function. Cannot serialize java.lang.Object object"
                        + " at msg['response']");
        assertThat(Crossing.from(SERVER).taskReturnValue(List.of(1))).isEqualTo(List.of(1L));
    }

    @Test
    @DisplayName("[MEDIA-05] Media is refused in a cookie with an untyped error, as the platform does (SESS-17)")
    void media05_cookies() {
        ValuePath root = ValuePath.root().key("kwargs").key("k");
        assertThatThrownBy(() -> Crossing.from(SERVER).cookieValue(new BlobMedia("a/b", new byte[0]), root))
                .isExactlyInstanceOf(AnvilWrappedError.class)
                .hasMessage("Cannot store Media in cookies.")
                .satisfies(e -> assertThat(((AnvilWrappedError) e).wireType()).isNull());
        assertThatThrownBy(() -> Crossing.from(SERVER).cookieValue(new Object(), root))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize java.lang.Object object at msg['kwargs']['k']");
        assertThat(Crossing.from(SERVER).cookieValue(List.of("v"), root)).isEqualTo(List.of("v"));
    }
}
