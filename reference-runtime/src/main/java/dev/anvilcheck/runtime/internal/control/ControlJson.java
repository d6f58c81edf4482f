package dev.anvilcheck.runtime.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.anvilcheck.spi.RawHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The control API's JSON: reading request bodies, writing responses and its error shape. */
final class ControlJson {
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ControlJson() {}

    static JsonNode read(byte[] utf8) {
        try {
            return MAPPER.readTree(utf8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * A request body as a JSON object; an empty body reads as {@code {}}.
     *
     * @throws BadRequest naming {@code body} if it is not one JSON object
     */
    static ObjectNode body(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage()
                    : e.getMessage();
            throw new BadRequest(400, "body", "is not JSON: " + why);
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(400, "body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static RawHttpResponse ok(int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written: " + e.getOriginalMessage(), e);
        }
        return new RawHttpResponse(status, headers("application/json"), bytes);
    }

    static RawHttpResponse error(int status, String field, String message) {
        ObjectNode body = object();
        ObjectNode error = body.putObject("error");
        error.put("status", status);
        if (field != null) {
            error.put("field", field);
        }
        error.put("message", message);
        return ok(status, body);
    }

    static RawHttpResponse noContent() {
        return new RawHttpResponse(204, headers(null), new byte[0]);
    }

    static Map<String, List<String>> headers(String contentType) {
        // never cached, never sniffed, never framed: the control API is for tools on this machine
        java.util.LinkedHashMap<String, List<String>> h = new java.util.LinkedHashMap<>();
        if (contentType != null) {
            h.put("Content-Type", List.of(contentType));
        }
        h.put("Cache-Control", List.of("no-store"));
        h.put("X-Content-Type-Options", List.of("nosniff"));
        return h;
    }
}
