/**
 * Serve mode: the command line that runs the reference runtime as a local server for real uplink
 * scripts and HTTP clients ({@link dev.anvilcheck.runtime.serve.Serve}).
 */
package dev.anvilcheck.runtime.serve;
