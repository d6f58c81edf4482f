package dev.anvilcheck.runtime.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON as endpoints write it (HTTP-13) and app pages carry it (HTTP-19). Request bodies are read by
 * the wire codec's reader, the same for server code's and uplinks' endpoints (HTTP-25).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /**
     * Encodes a JSON-compatible value (checked by the caller, HTTP-13).
     *
     * @param value the value
     * @return the document, UTF-8
     */
    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON-compatible value could not be encoded: " + e.getOriginalMessage(), e);
        }
    }
}
