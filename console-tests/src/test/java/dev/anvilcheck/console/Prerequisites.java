package dev.anvilcheck.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs these tests need from the machine. Locally a missing one skips the test with the
 * command that installs it; in CI ({@code CI=true}, where {@code .ci/run} installs them) it fails
 * the test, so that CI never passes without running them.
 */
final class Prerequisites {
    private Prerequisites() {}

    static void require(String what, String install, String... probe) {
        if (runs(probe)) {
            return;
        }
        String message = what + " is missing (" + String.join(" ", probe) + " failed); install it with: " + install;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI must run this test: " + message + " (.ci/run installs it)");
        }
        Assumptions.abort(message);
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
