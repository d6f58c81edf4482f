package dev.anvilcheck.junit.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Checks, when the extension first meets a test class, that the JUnit on the test class path is
 * one the extension supports: JUnit Jupiter {@value #MINIMUM} or newer (JUnit Platform 1.13 or
 * newer, or 6 and later), all of its jars of one release. Older releases do not close the
 * {@code AutoCloseable} runtime kept in the extension store (5.13 added that), so every test
 * would leave its runtime's threads and sockets behind; mixed releases fail inside JUnit itself
 * with errors such as {@code NoSuchMethodError ... NamespacedHierarchicalStore$CloseAction}. The
 * versions are read from the manifests of JUnit's jars; a jar without a version (a repackaged
 * JUnit) is not judged, and neither is the launcher, which build tools and IDEs bring themselves.
 */
public final class SupportedJUnit {
    /** The oldest JUnit Jupiter release the extension supports. */
    public static final String MINIMUM = "5.13";

    /** A class of each JUnit jar whose version matters, by the jar's artifact name. */
    private static final Map<String, String> PROBES = probes();

    private SupportedJUnit() {}

    private static Map<String, String> probes() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("junit-jupiter-api", "org.junit.jupiter.api.extension.ExtensionContext");
        probes.put("junit-jupiter-engine", "org.junit.jupiter.engine.JupiterTestEngine");
        probes.put("junit-platform-commons", "org.junit.platform.commons.support.ReflectionSupport");
        probes.put("junit-platform-engine", "org.junit.platform.engine.TestEngine");
        return probes;
    }

    /** The verdict, computed once per class loader that loaded this class. */
    private static final class Verdict {
        static final Optional<String> PROBLEM = problem(versionsOnClassPath());
    }

    /**
     * Fails if the JUnit on the class path is not supported.
     *
     * @throws ExtensionConfigurationException naming every JUnit jar's version and the fix
     */
    public static void check() {
        Verdict.PROBLEM.ifPresent(message -> {
            throw new ExtensionConfigurationException(message);
        });
    }

    /**
     * The versions of JUnit's jars that are on the class path and say their version.
     *
     * @return artifact name to version, in a fixed order
     */
    static Map<String, String> versionsOnClassPath() {
        Map<String, String> versions = new LinkedHashMap<>();
        ClassLoader loader = SupportedJUnit.class.getClassLoader();
        PROBES.forEach((artifact, probe) -> {
            try {
                Package p = Class.forName(probe, false, loader).getPackage();
                String version = p == null ? null : p.getImplementationVersion();
                if (version != null) {
                    versions.put(artifact, version);
                }
            } catch (ClassNotFoundException | LinkageError absent) {
                // not on the class path (the launcher and the engine may come from the build tool)
            }
        });
        return versions;
    }

    /**
     * What is wrong with these versions, if anything.
     *
     * @param versions artifact name to version, as {@link #versionsOnClassPath()} gives them
     * @return the message naming the versions and the fix, or empty if they are supported
     */
    static Optional<String> problem(Map<String, String> versions) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder found = new StringBuilder();
        versions.forEach((artifact, version) -> found.append(found.length() == 0 ? "" : ", ")
                .append(artifact).append(' ').append(version));
        String fix = " Use one JUnit release of " + MINIMUM + " or newer for all of them: in Maven, import"
                + " org.junit:junit-bom (for example 5.14.1) in <dependencyManagement> and declare junit-jupiter"
                + " without a version; in Gradle, testImplementation(platform(\"org.junit:junit-bom:5.14.1\")).";
        boolean tooOld = versions.entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("junit-jupiter") && release(e.getValue()) < release(MINIMUM));
        if (tooOld) {
            return Optional.of("anvil-test-junit needs JUnit Jupiter " + MINIMUM + " or newer, but the test class"
                    + " path has " + found + " (before 5.13 JUnit does not close the runtime each test gets, so"
                    + " its threads and sockets would leak)." + fix);
        }
        long releases = versions.entrySet().stream()
                .map(e -> jupiterRelease(e.getKey(), e.getValue()))
                .distinct()
                .count();
        if (releases > 1) {
            return Optional.of("The test class path mixes JUnit releases: " + found + ". JUnit fails in its own"
                    + " code when its jars come from different releases." + fix);
        }
        return Optional.empty();
    }

    /** A version's major and minor number as one comparable number: 5.13.4 gives 5013. */
    private static int release(String version) {
        String[] parts = version.split("[.\\-]");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major * 1000 + minor;
        } catch (NumberFormatException unreadable) {
            return Integer.MAX_VALUE;
        }
    }

    /** The Jupiter release a jar's version belongs to: Platform 1.N goes with Jupiter 5.N. */
    private static int jupiterRelease(String artifact, String version) {
        int release = release(version);
        return artifact.startsWith("junit-platform") && release / 1000 == 1 ? release + 4000 : release;
    }
}
