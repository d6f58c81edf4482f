package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.anvilcheck.media.LazyMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.InternalError;
import dev.anvilcheck.server.PortableClass;
import dev.anvilcheck.server.PortableClasses;
import dev.anvilcheck.server.RuntimeUnavailableError;
import dev.anvilcheck.server.SerializationInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Portable objects and classes as ValueType/ClassType entries, LazyMedia, and undeliverable Media (§4.2, §4.5). */
class PortableOverTheWireTest {
    @PortableClass("demo.Point")
    static final class Point {
        long x;
        long y;
        Object label;
    }

    /** Tells its receiver what its serialize hook was told of the receiver's trust (PORT-05). */
    @PortableClass("demo.TrustSeen")
    static final class TrustSeen {
        Object remoteWasTrusted;

        Object serialize(SerializationInfo info) {
            return info.remoteIsTrusted();
        }

        void deserialize(Object data, SerializationInfo info) {
            remoteWasTrusted = data;
        }
    }

    private final PortableClasses classes = PortableClasses.inheriting(PortableClasses.global());
    private final WireCodec codec;

    PortableOverTheWireTest() {
        classes.register(Point.class, "demo.Point");
        classes.register(TrustSeen.class, "demo.TrustSeen");
        codec = WireCodec.builder().portableClasses(classes).build();
    }

    private Message roundTrip(WireCodec sender, WireCodec receiver, Message message) {
        List<Message> out = new ArrayList<>();
        Frames.of(sender.encode(message)).feed(receiver.newDecoder(out::add));
        return out.get(0);
    }

    private static Point point(long x, long y, Object label) {
        Point p = new Point();
        p.x = x;
        p.y = y;
        p.label = label;
        return p;
    }

    @Test
    @DisplayName("a portable object goes as its data in place and a ValueType entry after its contents (PORT-03, PORT-09)")
    void portableObjects() throws Exception {
        Point inner = point(1, 2, null);
        Point outer = point(3_000_000_000L, 4, inner);
        String text = codec.encode(Message.Response.of("r", List.of(outer, Point.class))).text();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(text)).isEqualTo(json.readTree("{\"id\": \"r\", \"response\": [{\"x\": null, \"y\": 4,"
                + " \"label\": {\"x\": 1, \"y\": 2, \"label\": null}}, null], \"objects\": ["
                + "{\"type\": [\"Long\"], \"path\": [\"response\", 0, \"x\"], \"value\": \"3000000000\"},"
                + "{\"type\": [\"ValueType\"], \"path\": [\"response\", 0, \"label\"], \"typeName\": \"demo.Point\"},"
                + "{\"type\": [\"ValueType\"], \"path\": [\"response\", 0], \"typeName\": \"demo.Point\"},"
                + "{\"type\": [\"ClassType\"], \"path\": [\"response\", 1], \"typeName\": \"demo.Point\"}]}"));
        List<?> back = (List<?>) ((Message.Response) roundTrip(codec, codec, Message.Response.of("r",
                List.of(outer, Point.class)))).value();
        Point p = (Point) back.get(0);
        assertThat(p.x).isEqualTo(3_000_000_000L);
        assertThat(((Point) p.label).y).isEqualTo(2);
        assertThat(back.get(1)).isEqualTo(Point.class);
    }

    @Test
    @DisplayName("withRemoteTrust: serialize hooks are told the new receiver's trust; the same codec when unchanged (PORT-05)")
    void remoteTrust() {
        WireCodec forBrowser = codec.withRemoteTrust(false);
        assertThat(codec.withRemoteTrust(true)).isSameAs(codec);
        assertThat(forBrowser.withRemoteTrust(false)).isSameAs(forBrowser);
        for (Map.Entry<WireCodec, Boolean> e : Map.of(codec, true, forBrowser, false).entrySet()) {
            TrustSeen seen = (TrustSeen) ((Message.Response) roundTrip(e.getKey(), codec,
                    Message.Response.of("r", new TrustSeen()))).value();
            assertThat(seen.remoteWasTrusted).isEqualTo(e.getValue());
        }
        assertThat(forBrowser.portableClasses()).isSameAs(codec.portableClasses());
        assertThat(forBrowser.liveObjects()).isSameAs(codec.liveObjects());
    }

    @Test
    @DisplayName("a receiver that does not know the name refuses it: 'No such serializable type' (PORT-08)")
    void unknownNames() {
        WireCodec stranger = WireCodec.builder().portableClasses(PortableClasses.inheriting(PortableClasses.global()))
                .build();
        assertThatThrownBy(() -> roundTrip(codec, stranger, Message.Response.of("r", List.of(point(1, 2, null)))))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("No such serializable type: demo.Point at msg['response'][0]");
    }

    @Test
    @DisplayName("LazyMedia travels as a LazyMedia reference, not as bytes (MEDIA-04)")
    void lazyMedia() {
        LazyMedia lazy = new LazyMedia("row-7/photo", () -> {
            throw new AssertionError("a reference is not fetched to be sent");
        });
        Frames frames = Frames.of(codec.encode(Message.Response.of("r", lazy)));
        assertThat(frames.frames).hasSize(1);
        assertThat(frames.texts().get(0)).contains("\"LazyMedia\"").contains("row-7/photo");
        LazyMedia received = (LazyMedia) ((Message.Response) roundTrip(codec, codec, Message.Response.of("r", lazy)))
                .value();
        assertThat(received.id()).isEqualTo("row-7/photo");
        assertThatThrownBy(received::getBytes).isInstanceOf(RuntimeUnavailableError.class);
    }

    @Test
    @DisplayName("Media whose bytes cannot be read goes as MEDIA_ERROR, and reading it raises that error (MEDIA-03)")
    void undeliverableMedia() {
        Media broken = new Media() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public String name() {
                return "b.txt";
            }

            @Override
            public byte[] getBytes() {
                throw new InternalError("disk on fire");
            }

            @Override
            public long length() {
                return 1;
            }
        };
        Frames frames = Frames.of(codec.encode(Message.Response.of("r", Map.of("m", broken))));
        assertThat(frames.texts()).hasSize(2);
        assertThat(frames.texts().get(1)).contains("MEDIA_ERROR").contains("disk on fire");
        List<Message> out = new ArrayList<>();
        frames.feed(codec.newDecoder(out::add));
        Media m = (Media) ((Map<?, ?>) ((Message.Response) out.get(0)).value()).get("m");
        assertThat(m.name()).isEqualTo("b.txt");
        assertThatThrownBy(m::getBytes).isInstanceOf(InternalError.class).hasMessage("disk on fire");
    }
}
