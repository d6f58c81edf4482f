// The failure is the extension's own, one readable message, not a NoSuchMethodError from inside JUnit.
def log = new File(basedir, 'build.log').text
assert log.contains('anvil-test-junit needs JUnit Jupiter 5.13 or newer, but the test class path has junit-jupiter-api 5.10.5')
assert log.contains('org.junit:junit-bom')
assert !log.contains('NoSuchMethodError')
