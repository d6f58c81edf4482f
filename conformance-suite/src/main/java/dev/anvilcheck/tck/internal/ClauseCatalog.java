package dev.anvilcheck.tck.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clauses of the semantics specification ({@code SEMANTICS.md}, section 2) that this suite
 * covers, by area, in the specification's order. The suite's self-test checks that each has at
 * least one test (STYLE 2), and {@code Certify} reports areas in this order.
 */
public final class ClauseCatalog {
    private static final Map<String, Integer> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("CALL", 24);
        AREAS.put("AUTH", 6);
        AREAS.put("CTX", 14);
        AREAS.put("SESS", 17);
        AREAS.put("CAP", 20);
        AREAS.put("SER", 15);
        AREAS.put("ERR", 12);
        AREAS.put("TASK", 25);
        AREAS.put("HTTP", 29);
        AREAS.put("PORT", 12);
        AREAS.put("MEDIA", 7);
        AREAS.put("MISC", 5);
        AREAS.put("UPL", 12);
    }

    private ClauseCatalog() {}

    /**
     * The covered areas, in the specification's order.
     *
     * @return the area names
     */
    public static List<String> areas() {
        return List.copyOf(AREAS.keySet());
    }

    /**
     * Every clause ID of the covered areas, e.g. {@code CALL-01} .. {@code CALL-24}.
     *
     * @return the clause IDs
     */
    public static List<String> clauses() {
        List<String> ids = new ArrayList<>();
        AREAS.forEach((area, count) -> {
            for (int i = 1; i <= count; i++) {
                ids.add(String.format("%s-%02d", area, i));
            }
        });
        return ids;
    }
}
