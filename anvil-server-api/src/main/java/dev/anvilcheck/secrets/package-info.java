/**
 * The part of {@code anvil.secrets} that server code needs to reach configuration it must not
 * hard-code, such as an external API's base URL or key: {@link dev.anvilcheck.secrets.Secrets#getSecret(String)}
 * and its error, {@link dev.anvilcheck.secrets.SecretError}. A runtime supplies the values; the
 * reference runtime takes them from {@code AnvilRuntime.Builder.secret(name, value)}.
 */
package dev.anvilcheck.secrets;
