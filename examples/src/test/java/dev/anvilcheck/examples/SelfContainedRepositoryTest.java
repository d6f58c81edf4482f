package dev.anvilcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository builds and reads on its own: no build file, document, test or CI script refers
 * to a path outside it. A relative path is resolved as its reader resolves it (a Markdown link from
 * the document's folder; anything else from the module folder, where Maven and the tests run) and
 * must stay inside the repository; absolute paths to this machine's work folders are refused too.
 */
class SelfContainedRepositoryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", ".git", ".idea", ".vscode", "node_modules");
    private static final Set<String> CHECKED_SUFFIXES = Set.of(".xml", ".md", ".java", ".properties", ".tsv",
            ".json", ".yml", ".yaml", ".sh", ".py", ".html", ".txt");
    /** A run of "../" steps, with what follows it. */
    private static final Pattern CLIMB = Pattern.compile("((?:\\.\\./)+)([\\w.\\-/]*)");
    /** Absolute paths of the machines this project is built on; never part of a clone. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.])/work/[\\w.\\-/]+");

    @Test
    void nothingRefersToAPathOutsideTheRepository() throws IOException {
        assertThat(ROOT.resolve("pom.xml")).as("the repository root, seen from the examples module").exists();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(Files::isRegularFile)
                    .filter(SelfContainedRepositoryTest::checked)
                    // this test's own examples of what it refuses
                    .filter(file -> !file.endsWith("SelfContainedRepositoryTest.java"))
                    .forEach(file -> problems.addAll(outsideReferences(file)));
        }
        assertThat(problems)
                .as("references to paths outside the repository (a clone must build with nothing beside it)")
                .isEmpty();
    }

    @Test
    void theCheckSeesAClimbOutOfTheRepositoryAndLetsAClimbWithinItPass() {
        Path docs = ROOT.resolve("docs/CONFORMANCE.md");
        assertThat(outsideReferences(docs, "see [spec](../spec/SEMANTICS.md)")).isEmpty();
        assertThat(outsideReferences(docs, "see [spec](../../elsewhere/SEMANTICS.md)")).hasSize(1);
        Path pom = ROOT.resolve("conformance-suite/pom.xml");
        assertThat(outsideReferences(pom, "<dir>${project.basedir}/../spec</dir>")).isEmpty();
        assertThat(outsideReferences(pom, "<dir>${project.basedir}/../../elsewhere/spec</dir>")).hasSize(1);
        Path test = ROOT.resolve("examples/src/test/java/Some.java");
        assertThat(outsideReferences(test, "Path.of(\"../README.md\")")).isEmpty();
        assertThat(outsideReferences(test, "Path.of(\"../../README.md\")")).hasSize(1);
        assertThat(outsideReferences(ROOT.resolve(".ci/run"), "cat /work/x/y")).hasSize(1);
    }

    private static boolean checked(Path file) {
        Path relative = ROOT.relativize(file);
        for (Path part : relative) {
            if (SKIPPED_FOLDERS.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        return relative.startsWith(".ci") || CHECKED_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static List<String> outsideReferences(Path file) {
        try {
            return outsideReferences(file, Files.readString(file));
        } catch (MalformedInputException binary) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> outsideReferences(Path file, String text) {
        Path relative = ROOT.relativize(file);
        Path base = file.getFileName().toString().endsWith(".md") || relative.getNameCount() < 2
                ? file.getParent()
                : ROOT.resolve(relative.getName(0));
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher climb = CLIMB.matcher(lines[i]);
            while (climb.find()) {
                Path target = base.resolve(climb.group(1) + climb.group(2)).normalize();
                if (!target.startsWith(ROOT)) {
                    problems.add(relative + ":" + (i + 1) + ": " + climb.group() + " leaves the repository");
                }
            }
            Matcher absolute = ABSOLUTE.matcher(lines[i]);
            while (absolute.find()) {
                problems.add(relative + ":" + (i + 1) + ": " + absolute.group() + " is a path on one machine");
            }
        }
        return problems;
    }
}
