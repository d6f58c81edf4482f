package dev.anvilcheck.runtime.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.Kwargs;
import dev.anvilcheck.server.RequireUser;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.users.Users;
import dev.anvilcheck.wire.PrivateCommands;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Users service's functions an uplink calls to log in and out ({@code anvil.private.users.login_with_email},
 * {@code logout}; {@code native_rpc_handlers/users/core.clj}): the runtime's accounts log in on the session the
 * command runs in, so that {@code get_current_user} and {@code require_user} see the user (AUTH-01, AUTH-02).
 */
class UplinkUsersTest {
    private static final Map<String, Object> ADA = Map.of("email", "ada@example.com", "role", "admin");

    private final LoopbackUplinks loopback = new LoopbackUplinks();
    private final AnvilRuntime runtime = loopback.runtime().addUser("ada@example.com", "s3cret", ADA);

    @AfterEach
    void close() throws Exception {
        loopback.close();
    }

    private static Object logIn(Uplink uplink, String password) {
        return uplink.call(PrivateCommands.LOGIN_WITH_EMAIL, "ada@example.com", password, Kwargs.kw("remember", false));
    }

    @Test
    @DisplayName("AUTH-01 a client uplink logs in at the top level: it gets the user, and its calls run with it")
    void clientUplinkLogsIn() {
        runtime.register("who", a -> Users.getUser());
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        assertThat(client.call("who")).isNull();
        assertThat(logIn(client, "s3cret")).isEqualTo(ADA);
        assertThat(client.call("who")).isEqualTo(ADA);
        assertThat(client.call(PrivateCommands.LOGOUT)).isNull();
        assertThat(client.call("who")).isNull();
    }

    @Test
    @DisplayName("AUTH-01 a wrong password or an unknown email raises AuthenticationFailed and logs nobody in")
    void wrongCredentialsRaise() {
        runtime.register("who", a -> Users.getUser());
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        assertThatThrownBy(() -> logIn(client, "wrong")).isInstanceOf(AuthenticationFailed.class)
                .hasMessage("Incorrect email address or password");
        assertThatThrownBy(() -> client.call(PrivateCommands.LOGIN_WITH_EMAIL, "bob@example.com", "s3cret"))
                .isInstanceOf(AuthenticationFailed.class);
        assertThat(client.call("who")).isNull();
    }

    @Test
    @DisplayName("AUTH-01 a function an uplink provides with require_user sees the calling uplink's logged-in user")
    void requireUserOnAnUplinkSeesTheCallersUser() {
        Uplink provider = loopback.connect(LoopbackUplinks.KEY);
        provider.register("secret", RequireUser.loggedIn(), a -> Users.getUser());
        Uplink client = loopback.connect(LoopbackUplinks.CLIENT_KEY);
        assertThatThrownBy(() -> client.call("secret")).isInstanceOf(AuthenticationFailed.class);
        logIn(client, "s3cret");
        assertThat(client.call("secret")).isEqualTo(ADA);
    }

    @Test
    @DisplayName("AUTH-01 inside a call it serves, an uplink logs the caller's session in")
    void loginInsideAServedCall() {
        loopback.connect(LoopbackUplinks.KEY).register("log_in", a -> AnvilServer.call(PrivateCommands.LOGIN_WITH_EMAIL,
                "ada@example.com", "s3cret"));
        SimulatedBrowser browser = runtime.browser();
        assertThat(browser.call("log_in")).isEqualTo(ADA);
        runtime.register("who", a -> Users.getUser());
        assertThat(browser.call("who")).isEqualTo(ADA);
        assertThat(runtime.browser().call("who")).isNull();
    }
}
