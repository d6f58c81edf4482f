package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.secrets.SecretError;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The app's secrets ({@code anvil.secrets}): named strings that server code reads with
 * {@code Secrets.getSecret}. Thread-safe; values may be added while the runtime runs.
 */
public final class AppSecrets {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    /**
     * Sets a secret.
     *
     * @param name the name
     * @param value the value
     */
    public void put(String name, String value) {
        values.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    /**
     * Reads a secret for code running in {@code environment}.
     *
     * @param name the name
     * @param onUplink whether the reading code runs on an uplink, which may not read secrets
     * @return the value
     * @throws SecretError for an unknown name, or code on an uplink, with the platform's messages
     */
    @OutsideTheSpecification("anvil.secrets has no clause in spec/SEMANTICS.md")
    public String get(String name, boolean onUplink) {
        if (onUplink) {
            throw new SecretError("Uplink code cannot access secrets for this app.");
        }
        String value = values.get(name);
        if (value == null) {
            throw new SecretError("No such secret '" + name + "'");
        }
        return value;
    }
}
