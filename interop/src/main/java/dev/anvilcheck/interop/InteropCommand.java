package dev.anvilcheck.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The interop harness's command line ({@code interop/run} starts it): plays every
 * {@link Scenario} with the official Python uplink client and with the Java uplink client, each
 * against its own serve-mode process started on port 0 with the probe module, compares the two
 * outcomes of each scenario, and prints one line per scenario ({@code PASS|DIFF|SKIP <id> <clause>
 * <detail>}) and a total ({@code TOTAL: n scenarios, p same, d different, e explained}). A
 * difference listed in the {@value KnownDifferences#SECTION} table of {@code docs/INTEROP.md}
 * prints as explained and does not fail the run. Exit codes: 0 when every difference is explained,
 * 1 when one is not, 2 when the harness could not run (serve mode or the Python script failed,
 * bad options). Both outcomes of every scenario are written to {@code outcomes.json} in the work
 * directory, beside the logs of serve mode and of the Python script.
 *
 * @since 0.1
 */
@Command(name = "interop/run", sortOptions = false,
        description = "Plays the interop scenarios with the official Python uplink client and with the Java uplink"
                + " client against serve mode, and compares the outcomes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario agrees, or differs for a reason listed in docs/INTEROP.md",
            "1:a difference that docs/INTEROP.md does not explain", "2:the harness could not run"})
public final class InteropCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--client", required = true, paramLabel = "DIR",
            description = "The official Python uplink client: uplink/python of an anvil-runtime checkout.")
    Path client;

    @Option(names = "--serve-jar", required = true, paramLabel = "JAR",
            description = "The reference runtime's serve jar.")
    Path serveJar;

    @Option(names = "--probe-classpath", required = true, paramLabel = "PATH",
            description = "Where serve mode finds the probe module (interop/target/classes).")
    String probeClasspath;

    @Option(names = "--script", required = true, paramLabel = "FILE",
            description = "interop/python/interop_scenarios.py.")
    Path script;

    @Option(names = "--known-differences", required = true, paramLabel = "FILE", description = "docs/INTEROP.md.")
    Path knownDifferences;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE",
            description = "The Python 3 that has ws4py, six and future (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--java", paramLabel = "EXE", description = "The java that runs serve mode (default: this JVM's).")
    String java;

    @Option(names = "--timezone", defaultValue = "Asia/Kolkata", paramLabel = "ZONE",
            description = "The time zone of every process, which naive date-times are stamped with (default:"
                    + " ${DEFAULT-VALUE}, +05:30 all year).")
    String timezone;

    @Option(names = "--work-dir", defaultValue = "interop/target/interop", paramLabel = "DIR",
            description = "Where logs and outcomes.json go (default: ${DEFAULT-VALUE}).")
    Path workDir;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "How long each side may take (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private final PrintWriter out;
    private final PrintWriter err;

    private InteropCommand(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Runs the harness and exits with its exit code.
     *
     * @param args the command line; {@code --help} lists it
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(new InteropCommand(out, err)).setOut(out).setErr(err)
                .setExitCodeExceptionMapper(e -> 2);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            err.println("Try 'interop/run --help' for more information.");
            return 2;
        });
        System.exit(cli.execute(args));
    }

    /**
     * Plays both sides, compares and prints, as the class comment says.
     *
     * @return the exit code: 0, 1 or 2
     * @throws IOException if {@code docs/INTEROP.md} or the work directory cannot be read or written
     */
    @Override
    public Integer call() throws IOException {
        TimeZone.setDefault(TimeZone.getTimeZone(timezone));
        if (!Files.isDirectory(client.resolve("anvil"))) {
            err.println("--client " + client
                    + " has no 'anvil' package: pass uplink/python of an anvil-runtime checkout");
            return 2;
        }
        Files.createDirectories(workDir);
        KnownDifferences known = KnownDifferences.read(knownDifferences);
        List<Scenario> catalogue = Scenario.catalogue();
        String serverKey = randomKey();
        String clientKey = randomKey();
        String javaExe = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Map<String, JsonNode> python = new LinkedHashMap<>();
        Map<String, JsonNode> javaSide = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try {
            try (ServeProcess serve = ServeProcess.start(javaExe, serveJar, probeClasspath, serverKey, clientKey,
                    timezone, workDir.resolve("serve-python-side.log"), 60)) {
                python.putAll(PythonSide.play(this.python, script, client, serve, serverKey, Scenario.Key.SERVER,
                        timezone, workDir.resolve("python-server-key.log"), timeoutSeconds));
                python.putAll(PythonSide.play(this.python, script, client, serve, clientKey, Scenario.Key.CLIENT,
                        timezone, workDir.resolve("python-client-key.log"), timeoutSeconds));
                serve.stop();
            }
            try (ServeProcess serve = ServeProcess.start(javaExe, serveJar, probeClasspath, serverKey, clientKey,
                    timezone, workDir.resolve("serve-java-side.log"), 60)) {
                for (Scenario.Key key : Scenario.Key.values()) {
                    Map<String, Object> played = JavaScenarios.play(serve.uplink(), serve.api(),
                            key == Scenario.Key.SERVER ? serverKey : clientKey, key, catalogue);
                    // through text, so that numbers compare as the Python side's parsed ones do
                    for (Map.Entry<String, Object> e : played.entrySet()) {
                        javaSide.put(e.getKey(), json.readTree(json.writeValueAsString(e.getValue())));
                    }
                }
                serve.stop();
            }
        } catch (IOException | RuntimeException e) {
            err.println("interop harness failed: " + e);
            return 2;
        }

        List<Comparison> results = new ArrayList<>();
        for (Scenario s : catalogue) {
            results.add(Comparison.of(s, python.get(s.id()), javaSide.get(s.id()), known));
        }
        writeOutcomes(json, catalogue, python, javaSide);
        int same = 0;
        int different = 0;
        int explained = 0;
        int skipped = 0;
        for (Comparison c : results) {
            out.println(c.line());
            switch (c.verdict()) {
                case PASS -> same++;
                case DIFF -> different++;
                case EXPLAINED -> {
                    different++;
                    explained++;
                }
                case SKIP -> skipped++;
            }
        }
        Set<String> extra = new LinkedHashSet<>(python.keySet());
        extra.addAll(javaSide.keySet());
        catalogue.forEach(s -> extra.remove(s.id()));
        for (String id : extra) {
            out.println("note: outcome for " + id + ", which is not in the catalogue (Scenario.catalogue())");
        }
        for (String id : known.ids()) {
            Comparison c = results.stream().filter(r -> r.scenario().id().equals(id)).findFirst().orElse(null);
            if (c == null) {
                out.println("note: " + knownDifferences.getFileName() + " explains " + id
                        + ", which is not a scenario");
            } else if (c.verdict() == Comparison.Verdict.PASS) {
                out.println("note: " + knownDifferences.getFileName() + " explains " + id
                        + ", which no longer differs: remove the row");
            }
        }
        out.println("TOTAL: " + results.size() + " scenarios, " + same + " same, " + different + " different, "
                + explained + " explained" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        return different > explained || extra.size() > 0 ? 1 : 0;
    }

    private void writeOutcomes(ObjectMapper json, List<Scenario> catalogue, Map<String, JsonNode> python,
            Map<String, JsonNode> javaSide) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Scenario s : catalogue) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("clause", s.clause());
            both.put("python", python.get(s.id()));
            both.put("java", javaSide.get(s.id()));
            all.put(s.id(), both);
        }
        json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(workDir.resolve("outcomes.json").toFile(), all);
    }

    private static String randomKey() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
