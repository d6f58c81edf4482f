package dev.anvilcheck.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which JUnit releases the extension accepts, and what it says about the others. */
class SupportedJUnitTest {
    private static Map<String, String> versions(String... pairs) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            versions.put(pairs[i], pairs[i + 1]);
        }
        return versions;
    }

    @Test
    void theJUnitThatRunsThisTestIsSupported() {
        assertThat(SupportedJUnit.versionsOnClassPath()).containsKeys("junit-jupiter-api", "junit-platform-commons");
        assertThatCode(SupportedJUnit::check).doesNotThrowAnyException();
    }

    @Test
    void oneReleaseOf513OrNewerIsSupported() {
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "5.13.0", "junit-jupiter-engine", "5.13.0",
                "junit-platform-commons", "1.13.0", "junit-platform-engine", "1.13.0"))).isEmpty();
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "5.14.1", "junit-platform-engine", "1.14.1")))
                .isEmpty();
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "6.0.1", "junit-jupiter-engine", "6.0.1",
                "junit-platform-commons", "6.0.1", "junit-platform-engine", "6.0.1"))).isEmpty();
    }

    @Test
    void anOlderJupiterIsRefusedWithTheVersionsAndTheFix() {
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "5.10.5", "junit-jupiter-engine", "5.10.5",
                "junit-platform-commons", "1.10.5", "junit-platform-engine", "1.10.5")))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("anvil-test-junit needs JUnit Jupiter 5.13 or newer")
                        .contains("junit-jupiter-api 5.10.5, junit-jupiter-engine 5.10.5, junit-platform-commons"
                                + " 1.10.5, junit-platform-engine 1.10.5")
                        .contains("org.junit:junit-bom"));
    }

    @Test
    void mixedReleasesAreRefusedWithTheVersions() {
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "5.14.1", "junit-jupiter-engine", "5.14.1",
                "junit-platform-commons", "1.14.1", "junit-platform-engine", "1.13.4")))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("The test class path mixes JUnit releases")
                        .contains("junit-platform-engine 1.13.4"));
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "6.0.1", "junit-jupiter-engine", "5.14.1")))
                .isPresent();
    }

    @Test
    void unknownOrUnreadableVersionsAreNotJudged() {
        assertThat(SupportedJUnit.problem(Map.of())).isEmpty();
        assertThat(SupportedJUnit.problem(versions("junit-jupiter-api", "custom-build"))).isEmpty();
    }
}
