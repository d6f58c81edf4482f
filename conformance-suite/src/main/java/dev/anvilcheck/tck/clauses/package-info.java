/**
 * The clause tests, one class per area of the semantics specification (CALL, AUTH, CTX, SESS,
 * SER, ERR). Each test method is named {@code <level>_<AREA>_<NN>_<description>} and displayed as
 * {@code [AREA-NN] ...}: {@code required_} tests a MUST, {@code optional_} a MAY, an
 * implementation-defined choice or a feature-gated clause, {@code untested_} a clause this suite
 * cannot observe through the SPI, with the reason.
 */
package dev.anvilcheck.tck.clauses;
