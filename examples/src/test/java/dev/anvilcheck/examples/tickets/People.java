package dev.anvilcheck.examples.tickets;

import java.util.Map;

/** The users of the examples: a logged-in user is a row of the Users table, here a map. */
final class People {
    static final Map<String, Object> ANN = Map.of("email", "ann@example.com");
    static final Map<String, Object> BOB = Map.of("email", "bob@example.com");
    static final Map<String, Object> AGENT = Map.of("email", "sam@example.com", "role", "agent");

    private People() {}
}
