package dev.anvilcheck.runtime.binding;

import static dev.anvilcheck.server.Kwargs.kw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.runtime.AnvilRuntime;
import dev.anvilcheck.runtime.SimulatedBrowser;
import dev.anvilcheck.runtime.serve.Serve;
import dev.anvilcheck.server.AnvilServer;
import dev.anvilcheck.server.AnvilWrappedError;
import dev.anvilcheck.server.CallContext;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.Session;
import dev.anvilcheck.server.UserPredicate;
import dev.anvilcheck.uplink.Uplink;
import dev.anvilcheck.users.AuthenticationFailed;
import dev.anvilcheck.users.Users;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for annotated server code, run against every host that binds it (CONVENTIONS 18):
 * the reference runtime ({@code register}), the Java uplink client ({@code registerAll}, the
 * module running in the uplink, called by the runtime's browser) and serve mode ({@code --module}).
 * Each host binds with the one binder, so arguments, conversions, injection, {@code requireUser}
 * and the TypeErrors of a wrong call are the same everywhere, and cannot drift apart again.
 */
class ServerModuleContractTest {
    private static final Map<String, Object> ANN = Map.of("email", "ann@example.com");
    private static final Map<String, Object> ADMIN = Map.of("email", "root@example.com", "role", "admin");

    /** The module every host provides. */
    public static final class Contract {
        @Callable
        public String greet(String name, long times) {
            return (name + "!").repeat((int) times);
        }

        @Callable
        public double half(double x) {
            return x / 2;
        }

        @Callable("renamed_by_annotation")
        public String renamed() {
            return "renamed";
        }

        @Callable(requireUser = true)
        public String whoAmI(CallContext context) {
            return ((Map<?, ?>) Users.getUser()).get("email") + " via " + context.remoteCaller().type();
        }

        @Callable(requireUserWhere = IsAdmin.class)
        public String adminOnly() {
            return "the keys";
        }

        @Callable
        public Object remember(String value, Session session) {
            Object before = session.get("remembered");
            session.put("remembered", value);
            return before;
        }

        @Callable
        public Object sessionValue() {
            return AnvilServer.session().get("remembered");
        }
    }

    /** Lets in users whose role is admin. */
    public static final class IsAdmin implements UserPredicate {
        @Override
        public boolean test(Object user) {
            return "admin".equals(((Map<?, ?>) user).get("role"));
        }
    }

    /** A host: gives a runtime whose browsers reach the contract module, however it is provided. */
    record Host(String name, Function<ServerModuleContractTest, AnvilRuntime> start) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Host> hosts() {
        return Stream.of(
                new Host("reference runtime, register(module)", test -> test.track(AnvilRuntime.create())
                        .register(new Contract())),
                new Host("Java uplink client, registerAll(module)", test -> {
                    AnvilRuntime runtime = test.track(AnvilRuntime.builder().uplinkKey("server-key").build());
                    runtime.listen();
                    test.uplink = Uplink.connect(runtime.uplinkUri(), "server-key");
                    test.uplink.registerAll(new Contract());
                    return runtime;
                }),
                new Host("serve mode, --module", test -> test.track(Serve.start(new Serve.Options(0, "server-key",
                        null, List.of(Contract.class.getName()), null)))));
    }

    private AnvilRuntime runtime;
    private Uplink uplink;

    private AnvilRuntime track(AnvilRuntime started) {
        runtime = started;
        return started;
    }

    @AfterEach
    void close() {
        if (uplink != null) {
            uplink.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    private SimulatedBrowser browser(Host host) {
        return host.start().apply(this).browser();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("CALL-03 positional arguments bind in order, keyword arguments by parameter name")
    void positionalAndKeywordArguments(Host host) {
        SimulatedBrowser browser = browser(host);
        assertThat(browser.call("greet", "Ann", 2L)).isEqualTo("Ann!Ann!");
        assertThat(browser.call("greet", kw("times", 1L).and("name", "Bob"))).isEqualTo("Bob!");
        assertThat(browser.call("greet", "Cy", kw("times", 3L))).isEqualTo("Cy!Cy!Cy!");
        assertThat(browser.call("renamed_by_annotation")).isEqualTo("renamed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("CALL-03 values convert where Python would accept them: an int for a float parameter")
    void conversions(Host host) {
        assertThat(browser(host).call("half", 3L)).isEqualTo(1.5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("CALL-03 a wrong call raises TypeError (wrapped, as Python's TypeError crosses) naming the function"
            + " and the parameter")
    void typeErrorsNameFunctionAndParameter(Host host) {
        SimulatedBrowser browser = browser(host);
        assertTypeError(() -> browser.call("greet", "Ann"), "greet() missing 1 required argument: 'times'");
        assertTypeError(() -> browser.call("greet", "Ann", "twice"), "greet() argument 'times' must be long, not String");
        assertTypeError(() -> browser.call("greet", "Ann", 1L, kw("loud", true)),
                "greet() got an unexpected keyword argument 'loud'");
        assertTypeError(() -> browser.call("greet", "Ann", 1L, 2L), "greet() takes 2 positional arguments but 3 were given");
    }

    private static void assertTypeError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnvilWrappedError.class,
                e -> assertThat(e.wireType()).isEqualTo("TypeError")).hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("AUTH-01 requireUser refuses an anonymous browser with AuthenticationFailed; a logged-in one runs it,"
            + " with CallContext injected")
    void requireUser(Host host) {
        SimulatedBrowser browser = browser(host);
        assertThatThrownBy(() -> browser.call("whoAmI")).isInstanceOf(AuthenticationFailed.class)
                .hasMessage("You must be logged in to call this server function");
        assertThat(browser.user(ANN).call("whoAmI")).isEqualTo("ann@example.com via browser");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("AUTH-02 requireUserWhere: nobody logged in is AuthenticationFailed, a refused user PermissionDenied")
    void requireUserWhere(Host host) {
        AnvilRuntime started = host.start().apply(this);
        assertThatThrownBy(() -> started.browser().call("adminOnly")).isInstanceOf(AuthenticationFailed.class)
                .hasMessage("You must be logged in to call server function 'adminOnly'");
        assertThatThrownBy(() -> started.browser().user(ANN).call("adminOnly")).isInstanceOf(PermissionDenied.class)
                .hasMessage("You do not have permission to call server function 'adminOnly'");
        assertThat(started.browser().user(ADMIN).call("adminOnly")).isEqualTo("the keys");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hosts")
    @DisplayName("SESS-01 a Session parameter is the caller's session, the same that AnvilServer.session() gives")
    void sessionInjection(Host host) {
        SimulatedBrowser browser = browser(host);
        assertThat(browser.call("remember", "first")).isNull();
        assertThat(browser.call("remember", "second")).isEqualTo("first");
        assertThat(browser.call("sessionValue")).isEqualTo("second");
        assertThat(browser.sessionData()).containsEntry("remembered", "second");
    }
}
