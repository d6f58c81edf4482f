package dev.anvilcheck.examples.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's quick example is {@link QuickStartTest}, word for word. */
class ReadmeTest {
    @Test
    void theQuickExampleIsQuickStartTest() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/anvilcheck/examples/tickets/QuickStartTest.java"));
        String readme = Files.readString(Path.of("../README.md"));
        assertThat(readme).contains(test.substring(test.indexOf("@AnvilTest(")).strip());
    }
}
