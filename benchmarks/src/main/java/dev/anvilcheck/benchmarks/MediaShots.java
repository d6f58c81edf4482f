package dev.anvilcheck.benchmarks;

/**
 * The iterations of the single-shot 10 MiB Media benchmarks ({@code EchoFloorBenchmark},
 * {@code UplinkBenchmark} and {@code UplinkClientBenchmark}, each {@code media10MiB}). One shot
 * lasts tens of milliseconds, and the JIT is still compiling the frame, masking and copy loops of
 * both ends for the first 50 to 100 shots: the time per shot falls from about 45 ms to about 22 ms
 * meanwhile. A command that passes {@code -wi} or {@code -i} overrides these.
 */
final class MediaShots {
    /** Shots run before any is measured. */
    static final int WARMUP = 100;
    /** Shots measured. */
    static final int MEASURED = 30;

    private MediaShots() {}
}
