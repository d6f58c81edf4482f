package dev.anvilcheck.tck.broken;

import java.math.BigInteger;

/** Breaks SER-06: integers beyond 64 bits are truncated to a long. */
@Breaks(value = "SER-06", bug = "integers beyond 64 bits truncated")
public final class BigIntegersTruncated extends ArgumentRewriting {
    @Override
    protected Object rewrite(Object value) {
        return value instanceof BigInteger big ? big.longValue() : value;
    }
}
