// Both test classes ran: the portable round trip and the proof that the modules are named.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
