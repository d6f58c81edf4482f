package dev.anvilcheck.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differences between the two clients that are known and allowed, read from the one place
 * they are written down: the table of section {@value #SECTION} of {@code docs/INTEROP.md}, one row
 * per scenario, {@code | `scenario-id` | clause | why it is allowed |}. A scenario listed there whose
 * outcomes differ prints as explained; one whose outcomes agree is reported as a stale entry.
 */
final class KnownDifferences {
    /** The heading of the section that holds the table. */
    static final String SECTION = "## Known differences";

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9-]+)`\\s*\\|([^|]*)\\|(.*)\\|\\s*$");

    private final Map<String, String> reasons;

    private KnownDifferences(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    /**
     * Reads the table.
     *
     * @param file {@code docs/INTEROP.md}
     * @return the known differences
     * @throws IOException if the file cannot be read or has no such section
     */
    static KnownDifferences read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> reasons = new LinkedHashMap<>();
        boolean inSection = false;
        boolean found = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals(SECTION);
                found |= inSection;
                continue;
            }
            if (!inSection) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                reasons.put(m.group(1), m.group(3).trim());
            }
        }
        if (!found) {
            throw new IOException(file + " has no section '" + SECTION + "'");
        }
        return new KnownDifferences(reasons);
    }

    /** The reason a difference in scenario {@code id} is allowed, or {@code null}. */
    String reason(String id) {
        return reasons.get(id);
    }

    /** Every listed scenario id, in the table's order. */
    Iterable<String> ids() {
        return reasons.keySet();
    }
}
