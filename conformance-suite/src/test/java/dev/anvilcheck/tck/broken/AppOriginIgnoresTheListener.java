package dev.anvilcheck.tck.broken;

import dev.anvilcheck.server.host.CallScope;

/**
 * Breaks MISC-01: {@code get_app_origin()} returns a configured origin even while the app is served
 * on a loopback socket, so links it builds point elsewhere.
 */
@Breaks(value = "MISC-01", bug = "get_app_origin() ignores the origin the app is served on")
public final class AppOriginIgnoresTheListener extends DelegatingProvider {
    @Override
    protected CallScope scope(CallScope real) {
        return new DelegatingScope(real) {
            @Override
            public String getAppOrigin(String environment) {
                return "https://app.example.com";
            }
        };
    }
}
