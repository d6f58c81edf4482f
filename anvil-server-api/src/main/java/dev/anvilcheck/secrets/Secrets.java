package dev.anvilcheck.secrets;

import static org.apiguardian.api.API.Status.STABLE;

import dev.anvilcheck.server.host.CallScope;
import org.apiguardian.api.API;

/**
 * The {@code anvil.secrets} module for Java server code: the app's named secrets, the place Anvil
 * apps keep configuration such as an external API's base URL or key. Server code reads them with
 * {@code Secrets.getSecret("rates_api_url")}; tests give them values through the runtime (for the
 * reference runtime, {@code AnvilRuntime.Builder.secret(name, value)}), so the same code talks to
 * a stub in a test and to the real service in production.
 *
 * @since 0.1
 */
@API(status = STABLE, since = "0.1")
public final class Secrets {
    private Secrets() {}

    /**
     * The value of the secret {@code name} ({@code anvil.secrets.get_secret(name)}). Only server
     * code may read secrets: code running on an uplink gets {@link SecretError}, as on the
     * platform.
     *
     * @param name the secret's name
     * @return its value
     * @throws SecretError if the app has no secret of that name ("No such secret 'name'"), or the
     *     code runs on an uplink
     * @throws IllegalStateException if no call is in progress on this thread
     * @throws UnsupportedOperationException if the runtime has no secrets
     */
    public static String getSecret(String name) {
        if (name == null) {
            throw new dev.anvilcheck.python.TypeError("get_secret() needs a secret name (str), not None");
        }
        CallScope scope = CallScope.current();
        if (scope == null) {
            throw new IllegalStateException("anvil.secrets.get_secret() needs a call in progress: this thread is not"
                    + " running a server function. Call server functions through a caller of your runtime,"
                    + " e.g. runtime.browser().call(...)");
        }
        return scope.getSecret(name);
    }
}
