package dev.anvilcheck.runtime.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.anvilcheck.python.ValueError;
import java.io.IOException;

/**
 * JSON as endpoints read and write it (HTTP-13, HTTP-25): integers decode to {@code Long} (or
 * {@code BigInteger} past 64 bits), other numbers to {@code Double}, objects to maps in document
 * order; text that is not one JSON document raises {@link ValueError}, as Python's
 * {@code json.loads} raises {@code JSONDecodeError}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    /**
     * Decodes a JSON document.
     *
     * @param bytes the document, UTF-8
     * @return the value
     * @throws ValueError if the bytes are not one JSON document
     */
    public static Object decode(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValueError("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ValueError("The request body is not valid JSON: " + e.getMessage());
        }
    }

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
