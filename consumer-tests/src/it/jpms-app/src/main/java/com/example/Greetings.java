package com.example;

import static dev.anvilcheck.server.AnvilServer.session;

import dev.anvilcheck.server.Callable;
import dev.anvilcheck.users.Users;
import java.util.Map;

/** A server module of a user's app: one function for everybody, one for logged-in users. */
public class Greetings {
    @Callable
    public String hello(String name) {
        session().put("last_name", name);
        return "Hello, " + name + "!";
    }

    @Callable(requireUser = true)
    public String whoAmI() {
        return String.valueOf(((Map<?, ?>) Users.getUser()).get("email"));
    }
}
