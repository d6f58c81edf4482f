package dev.anvilcheck.value;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.SerializationError;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CrossingEntryPointsTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String ARGS_PREFIX = "Cannot serialize arguments to function. ";
    private static final String RETURN_PREFIX = "Cannot serialize return value from function. ";
    private static final String SESSION_PREFIX = "Tried to store illegal value in a anvil.server.session. ";

    /** Media that is not a BlobMedia, as a runtime's streamed Media would be. */
    private static final class StreamedMedia implements Media {
        @Override
        public String contentType() {
            return "text/csv";
        }

        @Override
        public String name() {
            return "rates.csv";
        }

        @Override
        public byte[] getBytes() {
            return "EUR,1.1".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public long length() {
            return 7;
        }
    }

    @Test
    @DisplayName("[CALL-03] positional and keyword arguments arrive as copies, in order")
    void call03_argumentsArriveAsCopiesInOrder() {
        List<Object> list = new ArrayList<>(List.of(2));
        LocalDateTime when = LocalDateTime.of(2024, 7, 1, 9, 0);
        Arguments sent = Arguments.fromVarargs(1, "a", list, kw("when", when).and("n", (short) 3));

        Arguments received = Crossing.from(PARIS).arguments(sent);

        assertThat(received.args()).containsExactly(1L, "a", List.of(2L));
        assertThat(received.args().get(2)).isNotSameAs(list);
        assertThat(new ArrayList<Object>(received.kwargs().keySet())).containsExactly("when", "n");
        assertThat(received.kw("when")).isEqualTo(OffsetDateTime.of(when, ZoneOffset.ofHours(2)));
        assertThat(received.kw("n")).isEqualTo(3L);
    }

    @Test
    @DisplayName("[CALL-03] no arguments arrive as no arguments")
    void call03_noArgumentsArriveAsNoArguments() {
        Arguments received = Crossing.from(UTC).arguments(Arguments.none());

        assertThat(received.args()).isEmpty();
        assertThat(received.kwargs()).isEmpty();
    }

    @Test
    @DisplayName("[CALL-20] an unserialisable positional argument is refused at its msg['args'] path")
    void call20_unserialisablePositionalArgumentIsRefusedAtItsPath() {
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("when", new HashSet<>());

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(Arguments.of("first", second)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize java.util.HashSet object at msg['args'][1]['when']");
    }

    @Test
    @DisplayName("[CALL-20] an unserialisable keyword argument is refused at its msg['kwargs'] path")
    void call20_unserialisableKeywordArgumentIsRefusedAtItsPath() {
        Arguments sent = Arguments.fromVarargs(1, kw("ok", 2).and("tags", List.of(new HashSet<>())));

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(sent))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize java.util.HashSet object at msg['kwargs']['tags'][0]");
    }

    @Test
    @DisplayName("[CALL-20] a Kwargs object is not a value and cannot be sent as a positional argument")
    void call20_kwargsIsNotAValue() {
        Arguments sent = new Arguments(List.of(1, kw("a", 1)), null);

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(sent))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize dev.anvilcheck.server.Kwargs object at msg['args'][1]");
    }

    @Test
    @DisplayName("[SER-15] keyword argument names must be strings: a null name is refused")
    void ser15_nullKeywordNameIsRefused() {
        Map<String, Object> kwargs = new HashMap<>();
        kwargs.put(null, 1);

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(new Arguments(List.of(), kwargs)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize dictionaries with keys that aren't strings at msg['kwargs'][None]");
    }

    @Test
    @DisplayName("[SER-15] keyword argument names must be strings: a name smuggled past generics is refused")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void ser15_nonStringKeywordNameIsRefused() {
        Map raw = new LinkedHashMap();
        raw.put("fine", 1);
        raw.put(42, 2);

        assertThatThrownBy(() -> Crossing.from(UTC).arguments(new Arguments(List.of(), (Map<String, Object>) raw)))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(ARGS_PREFIX + "Cannot serialize dictionaries with keys that aren't strings at msg['kwargs'][42]");
    }

    @Test
    @DisplayName("[SER-15] keyword argument values follow the rules of positional ones")
    void ser15_keywordValuesFollowTheSameRules() {
        Arguments sent = Arguments.fromVarargs(kw("tuple", new Object[] {1, 2.5f}).and("big", Long.MAX_VALUE));

        Arguments received = Crossing.from(UTC).arguments(sent);

        assertThat(received.kw("tuple")).isEqualTo(List.of(1L, 2.5));
        assertThat(received.kw("big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    @DisplayName("[CALL-21] an unserialisable return value is refused at its msg['response'] path")
    void call21_unserialisableReturnValueIsRefusedAtItsPath() {
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(Map.of("rows", List.of(1, new HashSet<>()))))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(RETURN_PREFIX + "Cannot serialize java.util.HashSet object at msg['response']['rows'][1]");
        assertThatThrownBy(() -> Crossing.from(UTC).returnValue(new HashSet<>()))
                .hasMessage(RETURN_PREFIX + "Cannot serialize java.util.HashSet object at msg['response']");
    }

    @Test
    @DisplayName("[CALL-04] a return value arrives as a copy")
    void call04_returnValueArrivesAsCopy() {
        List<Object> value = new ArrayList<>(List.of(1, LocalDateTime.of(2024, 1, 15, 8, 0)));

        Object received = Crossing.from(PARIS).returnValue(value);

        assertThat(received).isNotSameAs(value)
                .isEqualTo(List.of(1L, OffsetDateTime.of(2024, 1, 15, 8, 0, 0, 0, ZoneOffset.ofHours(1))));
        assertThat(Crossing.from(UTC).returnValue(null)).isNull();
    }

    @Test
    @DisplayName("[MEDIA-01] Media arrives as a new BlobMedia with the same content type, name and bytes")
    void media01_mediaArrivesWithTheSameContentTypeNameAndBytes() {
        BlobMedia blob = new BlobMedia("application/pdf", new byte[] {1, 2, 3}, "report.pdf");

        Object received = Crossing.from(UTC).returnValue(List.of(blob, new StreamedMedia()));

        List<?> list = (List<?>) received;
        assertThat(list.get(0)).isExactlyInstanceOf(BlobMedia.class).isEqualTo(blob).isNotSameAs(blob);
        BlobMedia streamed = (BlobMedia) list.get(1);
        assertThat(streamed.contentType()).isEqualTo("text/csv");
        assertThat(streamed.name()).isEqualTo("rates.csv");
        assertThat(streamed.getBytes()).asString(StandardCharsets.UTF_8).isEqualTo("EUR,1.1");
    }

    @Test
    @DisplayName("[CAP-08] a Capability arrives as a new capability with the same scope, narrowing and MAC")
    void cap08_capabilityArrivesAsEqualNewCapability() {
        Capability issued = Capability.restore(List.of("doc", 42), List.of("read"), "mac-1");

        Capability received = (Capability) Crossing.from(UTC).returnValue(issued);

        assertThat(received).isNotSameAs(issued).isEqualTo(issued);
        assertThat(received.baseScope()).isEqualTo(List.of("doc", 42L));
        assertThat(received.narrowing()).isEqualTo(List.of("read"));
        assertThat(received.mac()).isEqualTo("mac-1");
    }

    @Test
    @DisplayName("[SESS-04] session data is copied by the rules of a return value, in order")
    void sess04_sessionDataIsCopiedInOrder() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("z", List.of(1));
        data.put("a", LocalDateTime.of(2024, 7, 1, 9, 0));
        data.put("cap", new Capability(List.of("x")));

        Map<String, Object> stored = Crossing.from(PARIS).sessionData(data);

        assertThat(stored).isExactlyInstanceOf(LinkedHashMap.class).isNotSameAs(data);
        assertThat(new ArrayList<Object>(stored.keySet())).containsExactly("z", "a", "cap");
        assertThat(stored.get("z")).isEqualTo(List.of(1L));
        assertThat(stored.get("a")).isEqualTo(OffsetDateTime.of(2024, 7, 1, 9, 0, 0, 0, ZoneOffset.ofHours(2)));
        assertThat(Crossing.from(UTC).sessionData(Map.of())).isEmpty();
    }

    @Test
    @DisplayName("[SESS-04] in-memory Media anywhere in the session is refused")
    void sess04_mediaInTheSessionIsRefused() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "x");
        data.put("doc", List.of(new BlobMedia("text/plain", new byte[0])));

        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(data))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(SESSION_PREFIX + "Cannot save DataMedia objects in anvil.server.session at msg['session']['doc'][0]");
        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(Map.of("m", new StreamedMedia())))
                .hasMessage(SESSION_PREFIX + "Cannot save DataMedia objects in anvil.server.session at msg['session']['m']");
    }

    @Test
    @DisplayName("[SESS-04] Media is refused in the session however deeply it is nested")
    void sess04_deeplyNestedMediaInTheSessionIsRefused() {
        Object value = new BlobMedia("text/plain", new byte[0]);
        for (int i = 0; i < 200; i++) {
            value = List.of(value);
        }
        Map<String, Object> data = Map.of("deep", value);

        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(data))
                .hasMessage(SESSION_PREFIX + "Cannot save DataMedia objects in anvil.server.session at msg['session']['deep']"
                        + "[0]".repeat(200));
    }

    @Test
    @DisplayName("[SESS-05] any other unserialisable session value is refused with the session prefix")
    void sess05_otherUnserialisableSessionValuesAreRefused() {
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");

        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(Map.of("tags", new HashSet<>())))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage(SESSION_PREFIX + "Cannot serialize java.util.HashSet object at msg['session']['tags']");
        assertThatThrownBy(() -> Crossing.from(UTC).sessionData(Map.of("lookup", intKeys)))
                .hasMessage(SESSION_PREFIX + "Cannot serialize dictionaries with keys that aren't strings at msg['session']['lookup'][1]");
    }

    @Test
    @DisplayName("[SESS-05] a non-string session key is refused at msg['session'][key]")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void sess05_nonStringSessionKeyIsRefused() {
        Map raw = new HashMap();
        raw.put(1, "one");

        assertThatThrownBy(() -> Crossing.from(UTC).sessionData((Map<String, ?>) raw))
                .hasMessage(SESSION_PREFIX + "Cannot serialize dictionaries with keys that aren't strings at msg['session'][1]");
    }

    @Test
    @DisplayName("[SER-14] a general copy names paths below the root it is given, without a prefix")
    void ser14_generalCopyNamesPathsBelowItsRoot() {
        ValuePath root = ValuePath.root().key("response").key("p");

        assertThatThrownBy(() -> Crossing.from(UTC).copy(List.of(new HashSet<>()), root))
                .isExactlyInstanceOf(SerializationError.class)
                .hasMessage("Cannot serialize java.util.HashSet object at msg['response']['p'][0]");
    }

    @Test
    @DisplayName("[SER-09] every entry point needs the sender's zone")
    void ser09_everyEntryPointNeedsTheSendersZone() {
        assertThatThrownBy(() -> Crossing.from((ZoneId) null).arguments(Arguments.none()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Crossing.from((ZoneId) null).returnValue(1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Crossing.from((ZoneId) null).sessionData(Map.of()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Crossing.from((ZoneId) null).copy(1, ValuePath.root()))
                .isInstanceOf(NullPointerException.class);
    }
}
