package dev.anvilcheck.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 part 2: the pytest of {@code docs/PYTHON.md}, run by Debian's {@code python3} and
 * {@code python3-pytest} against serve mode, with the Java uplink providing the functions. The
 * test file uses only the standard library ({@code urllib}, {@code json}) to talk to the control API.
 */
class PytestTest {
    @Test
    @DisplayName("python3 -m pytest src/test/python passes against serve mode: logged-in and anonymous browsers, session expiry, the journal")
    void pytestPasses() throws Exception {
        // Debian's python3 (which python3-pytest installs into), not whichever python3 is first on the PATH
        String python = java.nio.file.Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Prerequisites.require("python3 with pytest", "apt-get install python3 python3-pytest", python, "-c",
                "import pytest");
        Path dir = Path.of(System.getProperty("anvilcheck.pytestDir", "src/test/python"));
        try (ServeWithUplink serve = ServeWithUplink.start()) {
            ProcessBuilder pb = new ProcessBuilder(python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                    dir.resolve("test_control_api.py").toString()).redirectErrorStream(true);
            pb.environment().put("ANVILCHECK_CONTROL", serve.control.toString());
            pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = new String(out, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(p.exitValue()).as("pytest's exit code; its output:%n%s", output).isZero();
            assertThat(output).contains("passed").doesNotContain("skipped");
        }
    }
}
