// Both test classes ran: the app's own and the one that proves the modules are named.
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0')
