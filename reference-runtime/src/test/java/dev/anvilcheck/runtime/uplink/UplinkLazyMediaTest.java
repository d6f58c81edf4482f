package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.uplink.Uplink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * LazyMedia the server hands an uplink travels by reference and is fetched over the uplink on first
 * use with {@code anvil.private.fetch_lazy_media} (MEDIA-04; Uplink protocol §3.4); sent back, it is
 * the server's reference again, storable in the session (SESS-06).
 */
class UplinkLazyMediaTest {
    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime();
    private final AtomicInteger fetches = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    private LazyMedia photo() {
        return new LazyMedia("table/row-7/photo", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("image/jpeg", new byte[] {1, 2, 3}, "row7.jpg");
        });
    }

    @Test
    @DisplayName("MEDIA-04 an uplink fetches the server's LazyMedia on first use, once; sent back it is the server's"
            + " reference, storable in the session (SESS-06)")
    void serverLazyMediaIsFetchedByTheUplink() {
        runtime.register("photo", a -> photo());
        runtime.register("keep", a -> {
            AnvilServer.session().put("photo", a.get(0));
            Media kept = (Media) AnvilServer.session().get("photo");
            return List.of(a.get(0) instanceof LazyMedia, kept.name());
        });
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);

        Object received = uplink.call("photo");

        assertThat(received).isInstanceOf(LazyMedia.class);
        assertThat(fetches.get()).as("fetches before the uplink reads it").isZero();
        Media media = (Media) received;
        assertThat(media.contentType()).isEqualTo("image/jpeg");
        assertThat(media.getBytes()).containsExactly(1, 2, 3);
        assertThat(media.name()).isEqualTo("row7.jpg");
        assertThat(fetches.get()).as("one fetch for the first read").isEqualTo(1);
        assertThat(uplink.call("keep", received)).isEqualTo(List.of(true, "row7.jpg"));
    }

    @Test
    @DisplayName("MEDIA-04 fetching LazyMedia the server never sent over this connection is refused")
    void unknownLazyMediaIsRefused() {
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);
        assertThatThrownBy(() -> uplink.call("anvil.private.fetch_lazy_media", Map.of("id", "table/row-9/photo",
                "manager", "anvilcheck", "key", "table/row-9/photo")))
                .isInstanceOf(AnvilWrappedError.class)
                .hasMessageContaining("No such LazyMedia on this connection");
    }

    @Test
    @DisplayName("MEDIA-04 two LazyMedia with one id and different sources each fetch their own content")
    void sameIdDifferentSources() {
        runtime.register("pair", a -> List.of(
                new LazyMedia("same", () -> new BlobMedia("text/plain", "first".getBytes(), "1.txt")),
                new LazyMedia("same", () -> new BlobMedia("text/plain", "second".getBytes(), "2.txt"))));
        Uplink uplink = loopback.connect(LoopbackUplinks.KEY);

        List<?> pair = (List<?>) uplink.call("pair");

        assertThat(new String(((Media) pair.get(0)).getBytes())).isEqualTo("first");
        assertThat(new String(((Media) pair.get(1)).getBytes())).isEqualTo("second");
    }
}
