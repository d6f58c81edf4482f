package dev.anvilcheck.uplink;

import dev.anvilcheck.hosting.LogEscape;

/**
 * The one logger of the Java uplink client and the escaping of what goes into its records: every
 * part of the client logs under {@link Uplink}'s name, so that one logger configures the whole
 * client, through {@code System.Logger} (CONVENTIONS 13); text is escaped because much of it comes
 * from the server, which must not forge records.
 */
final class UplinkLog {
    /** The client's logger, named after {@link Uplink}. */
    static final System.Logger LOG = System.getLogger(Uplink.class.getName());

    private UplinkLog() {
    }

    /** Text for a log line, escaped: much of it comes from the server, which must not forge records. */
    static String esc(Object text) {
        return LogEscape.escape(String.valueOf(text));
    }
}
