package dev.anvilcheck.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MediaTest {

    @Test
    @DisplayName("[MEDIA-06] BlobMedia needs bytes: null content is a TypeError")
    void media06_blobMediaNeedsBytes() {
        assertThatThrownBy(() -> new BlobMedia("text/plain", null)).isExactlyInstanceOf(TypeError.class)
                .isInstanceOf(IllegalArgumentException.class);
        BlobMedia media = new BlobMedia("text/plain", "hi".getBytes(StandardCharsets.UTF_8), "hi.txt");
        assertThat(media.length()).isEqualTo(2);
        assertThat(media.url()).isNull();
        byte[] bytes = media.getBytes();
        bytes[0] = 'X';
        assertThat(media.getBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
    }

    @Test
    @DisplayName("[MEDIA-04] LazyMedia fetches once, on first use of any attribute")
    void media04_fetchesOnce() {
        AtomicInteger fetches = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("id", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("image/png", new byte[] {1, 2}, "p.png");
        });

        assertThat(lazy.id()).isEqualTo("id");
        assertThat(fetches.get()).isZero();
        assertThat(lazy.name()).isEqualTo("p.png");
        assertThat(lazy.contentType()).isEqualTo("image/png");
        assertThat(lazy.getBytes()).containsExactly(1, 2);
        assertThat(lazy.length()).isEqualTo(2);
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(lazy.isFetched()).isTrue();
        assertThat(lazy.reference().isFetched()).isFalse();
        assertThat(lazy.reference()).isEqualTo(lazy).hasSameHashCodeAs(lazy);
        assertThat(new LazyMedia("id", () -> null)).isNotEqualTo(lazy);
    }

    @Test
    @DisplayName("[MEDIA-04] a failed fetch raises its error and is retried on the next read")
    void media04_failedFetchIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        LazyMedia lazy = new LazyMedia("id", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("row deleted");
            }
            return new BlobMedia("a/b", new byte[0]);
        });

        assertThatThrownBy(lazy::getBytes).hasMessage("row deleted");
        assertThat(lazy.isFetched()).isFalse();
        assertThat(lazy.contentType()).isEqualTo("a/b");
        assertThatThrownBy(() -> new LazyMedia("id", () -> null).name()).isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("[MEDIA-04] concurrent first reads fetch once")
    void media04_concurrentReadsFetchOnce() throws InterruptedException {
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        LazyMedia lazy = new LazyMedia("id", () -> {
            fetches.incrementAndGet();
            return new BlobMedia("a/b", new byte[] {7});
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                lazy.getBytes();
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(fetches.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("a copy of a BlobMedia is another, equal Media; its bytes still cannot be changed from outside")
    void copiesAreEqualAndStillImmutable() {
        byte[] bytes = {1, 2, 3};
        BlobMedia original = new BlobMedia("application/octet-stream", bytes, "a.bin");
        BlobMedia copy = original.copy();
        assertThat(copy).isNotSameAs(original).isEqualTo(original);
        assertThat(copy.contentType()).isEqualTo("application/octet-stream");
        assertThat(copy.name()).isEqualTo("a.bin");
        copy.getBytes()[0] = 9;
        bytes[1] = 9;
        assertThat(original.getBytes()).containsExactly(1, 2, 3);
        assertThat(copy.getBytes()).containsExactly(1, 2, 3);
    }

    @Test
    @DisplayName("contentView is read-only and covers the whole content; adopting takes the array without a copy")
    void contentViewAndAdopting() {
        BlobMedia media = new BlobMedia("text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        java.nio.ByteBuffer view = media.contentView();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.remaining()).isEqualTo(5);
        assertThatThrownBy(() -> view.put(0, (byte) 'j')).isInstanceOf(java.nio.ReadOnlyBufferException.class);
        byte[] handedOver = {7, 8};
        BlobMedia adopted = BlobMedia.adopting("application/octet-stream", handedOver, null);
        assertThat(adopted.getBytes()).containsExactly(7, 8);
        assertThatThrownBy(() -> BlobMedia.adopting(null, handedOver, null)).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> BlobMedia.adopting("text/plain", null, null)).isInstanceOf(TypeError.class);
    }
}
