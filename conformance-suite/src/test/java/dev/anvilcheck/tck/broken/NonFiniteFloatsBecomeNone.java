package dev.anvilcheck.tck.broken;

/** Breaks SER-05: NaN and the infinities are sent as None, as a plain JSON encoder would. */
@Breaks(value = "SER-05", bug = "NaN and infinities sent as None")
public final class NonFiniteFloatsBecomeNone extends ArgumentRewriting {
    @Override
    protected Object rewrite(Object value) {
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return value;
    }
}
