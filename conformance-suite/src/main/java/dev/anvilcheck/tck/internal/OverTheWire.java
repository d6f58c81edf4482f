package dev.anvilcheck.tck.internal;

/**
 * Marks the runtimes the suite itself reaches over the Uplink (its wire client): only they get the
 * exclusions {@link Exclusions} lists for transport {@value #TRANSPORT}, whatever a provider says
 * its transport is.
 */
public interface OverTheWire {
    /** The transport's name, as the list and the report spell it. */
    String TRANSPORT = "uplink-wire";
}
