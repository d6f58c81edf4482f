package dev.anvilcheck.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one Jackson factory of the codec, and small helpers for JSON strings. Text is written with
 * every character beyond ASCII escaped, as Python's {@code json.dumps} writes it, so that any Java
 * string, lone surrogates included, crosses unchanged.
 */
final class JsonText {
    /** The deepest nesting of containers the codec reads and writes, as Jackson's default. */
    static final int MAX_NESTING = 1000;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING + 8).build())
            .build();

    private JsonText() {}

    /** The JSON text of a string, with its quotes, as the official server writes task ids. */
    static String quote(String s) {
        StringWriter out = new StringWriter(s.length() + 2);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The string a JSON string literal stands for, or {@code null} if {@code json} is not one. */
    static String unquote(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String s = p.getText();
            return p.nextToken() == null ? s : null;
        } catch (IOException e) {
            return null;
        }
    }
}
