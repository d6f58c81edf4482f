package dev.anvilcheck.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.media.BlobMedia;
import dev.anvilcheck.media.Media;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AppResponse;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.Endpoint;
import dev.anvilcheck.server.FormResponse;
import dev.anvilcheck.server.HttpRequest;
import dev.anvilcheck.server.host.CallScope;
import dev.anvilcheck.wire.Decoder;
import dev.anvilcheck.wire.FrameSink;
import dev.anvilcheck.wire.Message;
import dev.anvilcheck.wire.WireCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The uplink's side of an endpoint without a server: the function it registers takes the
 * platform's keyword arguments, makes them {@code anvil.server.request} for the body only, and
 * returns the reply dictionary, which crosses the wire, an app response included (HTTP-19).
 */
class UplinkEndpointFunctionTest {
    private static Map<String, Object> kwargs(String method, String path, Map<String, Object> query, Media body) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("method", method);
        kwargs.put("path", path);
        kwargs.put("origin", null);
        kwargs.put("query_params", query);
        kwargs.put("form_params", Map.of());
        kwargs.put("headers", Map.of("x-h", "1"));
        kwargs.put("remote_address", "10.1.2.3");
        kwargs.put("body", body);
        kwargs.put("username", null);
        kwargs.put("password", null);
        kwargs.put("same_app_alternate_origin", null);
        return kwargs;
    }

    /** Runs {@code function} as the incoming call {@code command} with {@code kwargs}, as an uplink's worker does. */
    private static Object serve(UplinkEndpointFunction function, String command, Map<String, Object> kwargs) throws Exception {
        Message.Call call = Message.Call.of("c1", command, new Arguments(List.of(), kwargs));
        IncomingCall scope = new IncomingCall(null, call, "uplink", null);
        try (CallScope.Binding ignored = CallScope.bind(scope)) {
            return function.invoke(call.arguments());
        }
    }

    @Test
    @DisplayName("HTTP-05, HTTP-20, HTTP-21, HTTP-24 the request is anvil.server.request while the body runs, and the"
            + " reply is the platform's dictionary")
    void requestAndReply() throws Exception {
        AtomicReference<HttpRequest> seen = new AtomicReference<>();
        AtomicReference<Map<String, Object>> received = new AtomicReference<>();
        UplinkEndpointFunction function = new UplinkEndpointFunction(Endpoint.http("/users/:id").withMethods("PUT"), a -> {
            seen.set(AnvilServer.request());
            received.set(a.kwargs());
            return AnvilServer.request().body();
        });
        assertThat(function.name()).isEqualTo("http:/users/([^/]*)");
        BlobMedia body = new BlobMedia("text/csv", new byte[] {1, 2});
        Object reply = serve(function, "http:/users/7", kwargs("PUT", "/users/7", Map.of("id", "query", "q", "1"), body));
        assertThat(reply).isEqualTo(Map.of("status", 200L, "body", body, "headers", List.of()));
        assertThat(received.get()).isEqualTo(Map.of("id", "7", "q", "1"));
        assertThat(seen.get().path()).isEqualTo("/users/7");
        assertThat(seen.get().remoteAddress()).isEqualTo("10.1.2.3");
        assertThat(seen.get().headers()).isEqualTo(Map.of("x-h", "1"));

        Object refused = serve(function, "http:/users/7", kwargs("GET", "/users/7", Map.of(), null));
        assertThat(refused).isEqualTo(Map.of("status", 405L, "body", "Method not supported",
                "headers", List.of(List.of("allow", "PUT"))));
    }

    @Test
    @DisplayName("HTTP-20 outside the endpoint's body, and in an ordinary call, request raises the platform's error")
    void requestOnlyInsideTheBody() throws Exception {
        UplinkEndpointFunction function = new UplinkEndpointFunction(Endpoint.http("/x"), a -> "ok");
        Message.Call call = Message.Call.of("c1", "http:/x", new Arguments(List.of(), kwargs("GET", "/x", Map.of(),
                null)));
        IncomingCall scope = new IncomingCall(null, call, "uplink", null);
        try (CallScope.Binding ignored = CallScope.bind(scope)) {
            function.invoke(call.arguments());
            assertThatThrownBy(AnvilServer::request).isInstanceOf(IllegalStateException.class)
                    .hasMessage("anvil.server.request is only available in http_endpoint calls.");
        }
        assertThatThrownBy(() -> function.invoke(call.arguments())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("runs only in a call the server made to its uplink");
    }

    @Test
    @DisplayName("HTTP-19, Uplink protocol §4.5 a route's FormResponse crosses the wire as the platform's _LoadAppResponse")
    void appResponsesCrossTheWire() throws Exception {
        UplinkEndpointFunction route = new UplinkEndpointFunction(Endpoint.route("/home"),
                a -> new FormResponse("Home", List.of(1L), Map.of("k", "v")));
        Object reply = serve(route, "route:/home", kwargs("GET", "/home", Map.of(), null));
        WireCodec codec = WireCodec.create();
        Message.Response response = Message.Response.of("c1", reply);
        assertThat(codec.encode(response).text()).contains("\"typeName\":\"" + AppResponse.PORTABLE_NAME + "\"");
        List<Message> decoded = new ArrayList<>();
        Decoder decoder = codec.newDecoder(decoded::add);
        codec.encode(response).writeTo(new FrameSink() {
            @Override
            public void text(byte[] utf8) {
                decoder.text(utf8, 0, utf8.length);
            }

            @Override
            public void binary(java.nio.ByteBuffer bytes) {
                decoder.binary(bytes);
            }
        });
        Map<?, ?> dict = (Map<?, ?>) ((Message.Response) decoded.get(0)).value();
        assertThat(dict.get("body")).isEqualTo(new AppResponse("Home", List.of(1L), Map.of("k", "v"), null, null, null));
    }
}
