/**
 * The clause tests, one class per area of the semantics specification. Each test method is named
 * {@code <level>_<AREA>_<NN>_<description>} and displayed as {@code [AREA-NN] ...}:
 * {@code required_} tests a MUST, {@code optional_} a MAY, an implementation-defined choice or a
 * feature-gated clause. Clauses this suite cannot observe through the SPI are listed, with the
 * reason, in {@code not-testable.tsv}; {@link dev.anvilcheck.tck.clauses.UntestedVerification}
 * shows each as a test that is always skipped, so that gaps stay visible.
 */
package dev.anvilcheck.tck.clauses;
