package dev.anvilcheck.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.StackFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context a CALL carries: what the server writes is what the uplink reads (CTX-01, CTX-02, CTX-09). */
class CallContextJsonTest {
    @Test
    void aBrowsersCallInATaskReadsBackAsTheUplinkSeesIt() {
        StackFrame browser = new StackFrame("browser", false, null);
        StackFrame server = new StackFrame("server_module", true, null);
        CallContext sent = new CallContext("server_module", new ClientInfo("browser", "203.0.113.9", null), browser,
                "task-7", List.of(browser, server));
        Map<String, Object> fields = new LinkedHashMap<>();
        CallContextJson.write(sent, fields);

        assertThat(fields).containsOnlyKeys(CallContextJson.CALL_STACK, CallContextJson.CLIENT);
        @SuppressWarnings("unchecked")
        Map<Object, Object> client = (Map<Object, Object>) fields.get(CallContextJson.CLIENT);
        assertThat(client).containsEntry("type", "browser")
                .containsEntry("ip", "203.0.113.9").containsEntry("background-task-id", "task-7").containsKey("location");
        CallContext read = CallContextJson.read(fields, "uplink");
        assertThat(read.type()).isEqualTo("uplink");
        assertThat(read.client().type()).isEqualTo("browser");
        assertThat(read.client().ip()).isEqualTo("203.0.113.9");
        assertThat(read.backgroundTaskId()).isEqualTo("task-7");
        assertThat(read.remoteCaller().type()).isEqualTo("browser");
        assertThat(read.remoteCaller().isTrusted()).isFalse();
        assertThat(read.callStack()).extracting(StackFrame::type).containsExactly("browser", "server_module");
    }

    @Test
    void aCallFromServerCodeWithoutAClientReadsAsServerModule() {
        Map<String, Object> fields = new LinkedHashMap<>();
        CallContextJson.write(new CallContext("server_module", null, null, null, List.of()), fields);
        CallContext read = CallContextJson.read(fields, "client");
        assertThat(read.client().type()).isEqualTo("server_module");
        assertThat(read.remoteCaller().type()).isEqualTo("server_module");
        assertThat(read.remoteCaller().isTrusted()).isTrue();
        assertThat(read.backgroundTaskId()).isNull();
        assertThat(CallContextJson.read(Map.of(), "uplink").remoteCaller()).as("no context at all").isNull();
    }
}
