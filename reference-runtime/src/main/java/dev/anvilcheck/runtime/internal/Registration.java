package dev.anvilcheck.runtime.internal;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import java.util.Objects;

/**
 * One registered function: its name, who may call it, its body, and where it runs
 * ({@code server_module} for server code, {@code uplink} for a function an uplink provides).
 *
 * @param name the registered name
 * @param requireUser who may call it (AUTH-01..04)
 * @param body the function
 * @param environment the {@code context.type} its body sees (CTX-01)
 * @param provider the uplink that provides it, or {@code null} for server code
 */
public record Registration(
        String name, RequireUser requireUser, ServerFunction body, String environment, UplinkHandle provider) {
    /** Validates the record. */
    public Registration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requireUser, "requireUser");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(environment, "environment");
    }
}
