/**
 * Not an API: the {@code require_user} check ({@link dev.anvilcheck.users.internal.UserCheck}),
 * which the reference runtime and the Java uplink client both run, so that a function refuses the
 * same callers with the same errors wherever it is provided (AUTH-01..04). Its classes may change
 * in any release.
 *
 * @since 0.1
 */
package dev.anvilcheck.users.internal;
