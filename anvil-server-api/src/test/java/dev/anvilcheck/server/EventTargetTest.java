package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTargetTest {

    @Test
    void misc05_factoriesGiveExactlyOnePart() {
        assertThat(EventTarget.sessionId("s1")).isEqualTo(new EventTarget("s1", null, null));
        assertThat(EventTarget.sessionIds(List.of("a", "b")).sessionIds()).containsExactly("a", "b");
        assertThat(EventTarget.channel("news").channel()).isEqualTo("news");
        assertThat(EventTarget.currentSession().isCurrentSession()).isTrue();
        assertThat(EventTarget.sessionId("s1").isCurrentSession()).isFalse();
        assertThat(EventTarget.channel("news").isCurrentSession()).isFalse();
    }

    @Test
    void misc05_anEmptyListOfIdsMeansTheCurrentSessionAsOnThePlatform() {
        assertThat(EventTarget.sessionIds(List.of()).isCurrentSession()).isTrue();
    }

    @Test
    void misc05_atMostOnePartAndNoNullIds() {
        assertThatThrownBy(() -> new EventTarget("a", null, "news")).isInstanceOf(ValueError.class);
        assertThatThrownBy(() -> new EventTarget("a", List.of("b"), null)).isInstanceOf(ValueError.class);
        assertThatThrownBy(() -> EventTarget.sessionIds(Arrays.asList("a", null))).isInstanceOf(TypeError.class);
        assertThatThrownBy(() -> EventTarget.sessionId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void misc05_sessionIdsAreCopied() {
        List<String> ids = new ArrayList<>(List.of("a"));
        EventTarget target = EventTarget.sessionIds(ids);
        ids.add("b");
        assertThat(target.sessionIds()).containsExactly("a");
    }
}
