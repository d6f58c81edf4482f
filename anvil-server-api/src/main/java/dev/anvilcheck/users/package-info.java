/**
 * The part of {@code anvil.users} that {@code anvil.server} relies on: the logged-in user and the
 * {@link dev.anvilcheck.users.AuthenticationFailed} error of {@code requireUser} (AUTH-01..05).
 */
package dev.anvilcheck.users;
