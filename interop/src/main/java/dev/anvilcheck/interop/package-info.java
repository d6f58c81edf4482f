/**
 * The interop harness: the same {@link dev.anvilcheck.interop.Scenario scenarios} played by the
 * official Python uplink client and by the Java uplink client against serve mode, their outcomes
 * compared ({@link dev.anvilcheck.interop.InteropCommand}, started by {@code interop/run}). Not part
 * of the normal build: the parent pom lists this module only in the profile {@code interop}.
 */
package dev.anvilcheck.interop;
