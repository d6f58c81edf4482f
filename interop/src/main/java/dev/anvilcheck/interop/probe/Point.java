package dev.anvilcheck.interop.probe;

import dev.anvilcheck.server.PortableClass;

/**
 * A portable class both clients and serve mode register as {@value #NAME} (PORT-01): two
 * integer fields, sent by the default serialisation as {@code {"x": ..., "y": ...}} (PORT-03), as
 * the Python script's {@code Point} sends its {@code __dict__}.
 *
 * @since 0.1
 */
@PortableClass(Point.NAME)
public final class Point {
    /** The registered name, the same on every side. */
    public static final String NAME = "interop.Point";

    private long x;
    private long y;

    /**
     * A point.
     *
     * @param x its x
     * @param y its y
     */
    public Point(long x, long y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Its x.
     *
     * @return x
     */
    public long x() {
        return x;
    }

    /**
     * Its y.
     *
     * @return y
     */
    public long y() {
        return y;
    }
}
