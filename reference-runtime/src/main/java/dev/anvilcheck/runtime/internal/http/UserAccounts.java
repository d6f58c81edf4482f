package dev.anvilcheck.runtime.internal.http;

import dev.anvilcheck.runtime.internal.OutsideTheSpecification;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user accounts that {@code authenticate_users} endpoints log in with, by email and password,
 * as the Users service's {@code login_with_email} does (HTTP-09). A test adds them; there is no
 * other Users service in the runtime (spec scope note).
 */
public final class UserAccounts {
    private record Account(String password, Object user) {}

    private final Map<String, Account> byEmail = new ConcurrentHashMap<>();

    /**
     * Adds or replaces an account.
     *
     * @param email the email, the Basic user name
     * @param password the password
     * @param user the user value that logging in gives
     */
    public void add(String email, String password, Object user) {
        byEmail.put(Objects.requireNonNull(email, "email"), new Account(Objects.requireNonNull(password, "password"),
                Objects.requireNonNull(user, "user")));
    }

    /**
     * Logs in.
     *
     * @param email the email, or {@code null}
     * @param password the password, or {@code null}
     * @return the user, or {@code null} if the credentials are missing or wrong
     */
    public Object logIn(String email, String password) {
        if (email == null || password == null) {
            return null;
        }
        Account account = byEmail.get(email);
        return account != null && account.password().equals(password) ? account.user() : null;
    }

    /**
     * The user an account logs in as, for the control API's callers created logged in.
     *
     * @param email the account's email
     * @return the user, or {@code null} if there is no such account
     */
    @OutsideTheSpecification("read by the control API only (callers created logged in, serve mode)")
    public Object user(String email) {
        Account account = email == null ? null : byEmail.get(email);
        return account == null ? null : account.user();
    }

    /** @return the accounts' emails, sorted */
    @OutsideTheSpecification("read by the control API only (serve mode)")
    public java.util.List<String> emails() {
        return byEmail.keySet().stream().sorted().toList();
    }
}
