package dev.anvilcheck.tck.broken;

import dev.anvilcheck.spi.Feature;
import java.util.Set;

/** Declares no optional feature: every feature-gated test must be not applicable, never passed. */
public final class DeclaresNoFeatures extends DelegatingProvider {
    @Override
    public Set<Feature> features() {
        return Set.of();
    }
}
