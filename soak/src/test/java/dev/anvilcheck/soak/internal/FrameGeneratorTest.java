package dev.anvilcheck.soak.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator is reproducible by seed and index, and never lets a REGISTER take over a protected name. */
class FrameGeneratorTest {
    @Test
    void sameSeedAndIndexGiveTheSameFrames() {
        assertThat(frames(7, 42)).isEqualTo(frames(7, 42));
        assertThat(frames(7, 42)).isNotEqualTo(frames(8, 42));
    }

    @Test
    void registersThatWouldTakeOverTheSteadyFunctionAreCaught() {
        assertThat(FrameGenerator.takesOverProtected(bytes("{\"type\":\"REGISTER\",\"name\":\".*\"}"))).isTrue();
        assertThat(FrameGenerator.takesOverProtected(bytes("{\"type\":\"REGISTER\",\"name\":\"ech.\"}"))).isTrue();
        assertThat(FrameGenerator.takesOverProtected(bytes("{\"type\":\"REGISTER\",\"name\":\"fz_1\"}"))).isFalse();
        assertThat(FrameGenerator.takesOverProtected(bytes("{\"type\":\"REGISTER\",\"name\":\"((\"}"))).isFalse();
    }

    @Test
    void noScriptSendsAProtectedRegister() {
        FrameGenerator g = new FrameGenerator(3);
        for (long i = 1; i <= 80; i++) {
            FrameGenerator.Script s = g.script(i);
            Frame f;
            while ((f = s.next()) != null) {
                if (f.kind() == Frame.Kind.TEXT) {
                    assertThat(FrameGenerator.takesOverProtected(f.payload())).as(f.describe(200)).isFalse();
                }
            }
        }
    }

    @Test
    void loopbackAddressesNameTheirConnection() {
        for (long i : new long[] {1, 255, 256, 65_536, 1_234_567}) {
            assertThat(Loopback.fuzzIndex(Loopback.fuzz(i).getHostAddress())).isEqualTo(i);
        }
        assertThat(Loopback.fuzzIndex("127.0.0.1")).isEqualTo(-1);
        assertThat(Loopback.fuzzIndex(Loopback.http(5).getHostAddress())).isEqualTo(-1);
    }

    private static List<String> frames(long seed, long index) {
        FrameGenerator.Script s = new FrameGenerator(seed).script(index);
        List<String> out = new ArrayList<>();
        Frame f;
        while ((f = s.next()) != null) {
            out.add(f.describe(10_000));
        }
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
