package dev.anvilcheck.tck;

import org.junit.platform.suite.api.IncludeClassNamePatterns;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * Runs the whole conformance suite against the reference runtime, which ServiceLoader finds on
 * the test class path. Every clause test appears in the build's report under its clause.
 */
@Suite
@SuiteDisplayName("anvil.server conformance of the reference runtime")
@SelectPackages(Certify.CLAUSES_PACKAGE)
@IncludeClassNamePatterns(".*Verification")
class ReferenceRuntimeConformanceTest {}
