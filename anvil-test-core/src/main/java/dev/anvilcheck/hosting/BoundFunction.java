package dev.anvilcheck.hosting;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.server.ServerFunction;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One annotated method of a server module, bound by {@link MethodBinder}: the name it is
 * registered under ({@code task:<name>} for a background task), who may call it, and its body,
 * which binds arguments, injects and converts, but does not check the user: each host checks
 * {@link #requireUser()} with {@link UserCheck} before the body runs (AUTH-04).
 *
 * @param name the registered name
 * @param requireUser who may call it (AUTH-01..03)
 * @param body the bound method
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BoundFunction(String name, RequireUser requireUser, ServerFunction body) {
    /** Validates the record. */
    public BoundFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requireUser, "requireUser");
        Objects.requireNonNull(body, "body");
    }
}
