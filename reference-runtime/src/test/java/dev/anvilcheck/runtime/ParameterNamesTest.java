package dev.anvilcheck.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.server.Arguments;
import dev.anvilcheck.server.NoServerFunctionError;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server code compiled without {@code -parameters} (as many users' builds are) is refused when it
 * is registered, with the fix named, instead of failing later with a TypeError that only the
 * journal shows. The modules are compiled here, by the JDK's compiler, without the flag.
 */
class ParameterNamesTest {
    @TempDir
    Path dir;

    private Object compileWithoutParameterNames(String simpleName, String body) throws Exception {
        return compileWithoutParameterNames("", simpleName, body);
    }

    private Object compileWithoutParameterNames(String annotations, String simpleName, String body) throws Exception {
        Path source = dir.resolve("example/" + simpleName + ".java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "package example;\n"
                + "import dev.anvilcheck.server.*;\n"
                + "import java.util.Map;\n"
                + annotations + " public class " + simpleName + " {\n" + body + "\n}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertThat(status).as("javac exit status").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        Class<?> type = loader.loadClass("example." + simpleName);
        assertThat(type.getDeclaredMethods()[0].getParameters()).allSatisfy(p -> assertThat(p.isNamePresent()).isFalse());
        return type.getDeclaredConstructor().newInstance();
    }

    @Test
    void aCallableWithoutParameterNamesIsRefusedAtRegistrationWithTheFix() throws Exception {
        Object module = compileWithoutParameterNames("Greetings",
                "@Callable public String hello(String name, long times) { return name; }");
        try (AnvilRuntime runtime = AnvilRuntime.create()) {
            assertThatThrownBy(() -> runtime.register(module))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot register example.Greetings.hello(String, long)")
                    .hasMessageContaining("compiled without -parameters")
                    .hasMessageContaining("<parameters>true</parameters>")
                    .hasMessageContaining("options.compilerArgs.add(\"-parameters\")");
            assertThatThrownBy(() -> runtime.browser().call("hello", "Ann", 1L))
                    .as("nothing of the refused module is registered")
                    .isInstanceOf(NoServerFunctionError.class);
        }
    }

    @Test
    void anEndpointWithoutParameterNamesIsRefusedAtRegistration() throws Exception {
        Object module = compileWithoutParameterNames("Api",
                "@HttpEndpoint(\"/users/:id\") public String user(String id) { return id; }");
        try (AnvilRuntime runtime = AnvilRuntime.create()) {
            assertThatThrownBy(() -> runtime.register(module))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Cannot register example.Api.user(String)")
                    .hasMessageContaining("compiled without -parameters");
        }
    }

    @Test
    void aPortableClassServerMethodWithoutParameterNamesStillTakesPositionalArguments() throws Exception {
        // server methods are found when first called, not registered: refusing them then would fail calls
        Object basket = compileWithoutParameterNames("@PortableClass", "Basket",
                "long items = 3; @ServerMethod public long times(long n) { return items * n; }");
        try (AnvilRuntime runtime = AnvilRuntime.create()) {
            runtime.register("basket", args -> basket);
            SimulatedBrowser browser = runtime.browser();
            Object copy = browser.call("basket");
            assertThat(browser.callServerMethod(copy, "times", Arguments.of(2L))).isEqualTo(6L);
        }
    }

    @Test
    void injectedParametersNeedNoNames() throws Exception {
        Object module = compileWithoutParameterNames("Context",
                "@Callable public String caller(CallContext context, @VarKeyword Map<String, Object> rest) {"
                        + " return context.remoteCaller().type() + rest; }");
        try (AnvilRuntime runtime = AnvilRuntime.create()) {
            runtime.register(module);
            assertThat(runtime.browser().call("caller")).isEqualTo("browser{}");
        }
    }
}
