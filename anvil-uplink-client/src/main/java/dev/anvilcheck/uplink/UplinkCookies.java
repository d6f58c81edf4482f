package dev.anvilcheck.uplink;

import dev.anvilcheck.python.KeyError;
import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.CookieJar;
import dev.anvilcheck.server.Cookies;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code anvil.server.cookies} on an uplink: each operation asks the server, as the Python
 * client's {@code AnvilCookie} does ({@code anvil.private.get_cookie}, {@code set_cookie},
 * {@code del_cookie}, {@code clear_cookie}; SESS-16), so the cookies are those of the browser
 * whose call the uplink serves; the server refuses client code (AUTH-06) and sessions that are
 * not a browser's ({@code CookieError}, SESS-17).
 */
final class UplinkCookies implements Cookies {
    private final UplinkScope scope;

    UplinkCookies(UplinkScope scope) {
        this.scope = scope;
    }

    @Override
    public CookieJar local() {
        return new Jar("local");
    }

    @Override
    public CookieJar shared() {
        return new Jar("shared");
    }

    private final class Jar implements CookieJar {
        private final String type;

        Jar(String type) {
            this.type = type;
        }

        @Override
        public Object get(String key) {
            return scope.call(PrivateCommands.GET_COOKIE, Arguments.of(type, Objects.requireNonNull(key, "key")));
        }

        @Override
        public Object get(String key, Object defaultValue) {
            try {
                return get(key);
            } catch (KeyError missing) {
                return defaultValue;
            }
        }

        @Override
        public void put(String key, Object value) {
            set(Map.of(Objects.requireNonNull(key, "key"), value));
        }

        @Override
        public void set(double timeoutDays, Map<String, ?> values) {
            scope.call(PrivateCommands.SET_COOKIE, new Arguments(List.<Object>of(type, timeoutDays),
                    new LinkedHashMap<String, Object>(values)));
        }

        @Override
        public void remove(String key) {
            scope.call(PrivateCommands.DEL_COOKIE, Arguments.of(type, Objects.requireNonNull(key, "key")));
        }

        @Override
        public void clear() {
            scope.call(PrivateCommands.CLEAR_COOKIE, Arguments.of(type));
        }
    }
}
