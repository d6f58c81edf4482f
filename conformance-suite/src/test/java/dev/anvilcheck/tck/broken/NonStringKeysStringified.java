package dev.anvilcheck.tck.broken;

import java.util.LinkedHashMap;
import java.util.Map;

/** Breaks SER-02: dict keys that are not strings are turned into strings instead of being refused. */
@Breaks(value = "SER-02", bug = "non-string dict keys converted to strings")
public final class NonStringKeysStringified extends ArgumentRewriting {
    @Override
    protected Object rewrite(Object value) {
        if (value instanceof Map<?, ?> map && map.keySet().stream().anyMatch(k -> !(k instanceof String))) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        return value;
    }
}
