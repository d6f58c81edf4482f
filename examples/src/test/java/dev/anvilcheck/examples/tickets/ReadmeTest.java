package dev.anvilcheck.examples.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README shows is code that compiles and runs in this build, word for word. */
class ReadmeTest {
    private static final Path README = Path.of("../README.md");

    @Test
    void theQuickExampleIsQuickStartTestWithItsImports() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/anvilcheck/examples/tickets/QuickStartTest.java"));
        assertThat(Files.readString(README)).contains(test.substring(test.indexOf("import ")).strip());
    }

    @Test
    void theMinimalPomIsTheConsumerProjectThatTheBuildRuns() throws IOException {
        String pom = Files.readString(Path.of("../consumer-tests/src/it/first-test/pom.xml"));
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        String shown = pom.replace("@project.version@", version.group(1));
        assertThat(Files.readString(README)).contains(shown.substring(shown.indexOf("<project")).strip());
    }
}
