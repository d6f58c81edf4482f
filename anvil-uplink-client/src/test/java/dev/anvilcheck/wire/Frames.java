package dev.anvilcheck.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: collects the frames an encoded message writes, and feeds frames to a decoder. */
final class Frames implements FrameSink {
    /** One frame: text, or binary. */
    record Frame(String text, byte[] binary) {
        boolean isText() {
            return text != null;
        }
    }

    final List<Frame> frames = new ArrayList<>();

    static Frames of(Encoded encoded) {
        Frames f = new Frames();
        encoded.writeTo(f);
        return f;
    }

    @Override
    public void text(byte[] utf8) {
        frames.add(new Frame(new String(utf8, StandardCharsets.UTF_8), null));
    }

    @Override
    public void binary(ByteBuffer bytes) {
        byte[] b = new byte[bytes.remaining()];
        bytes.get(b);
        frames.add(new Frame(null, b));
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Frame f : frames) {
            if (f.isText()) {
                out.add(f.text());
            }
        }
        return out;
    }

    void feed(Decoder decoder) {
        for (Frame f : frames) {
            if (f.isText()) {
                decoder.text(f.text());
            } else {
                decoder.binary(ByteBuffer.wrap(f.binary()));
            }
        }
    }
}
