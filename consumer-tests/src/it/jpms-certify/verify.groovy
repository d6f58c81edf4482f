// Every clause the class-path run certifies is certified here too, by the same runtime.
def log = new File(basedir, 'build.log').text
assert log.contains('-- CERTIFIED')
assert !log.contains('IllegalAccess')
assert !log.contains('InaccessibleObjectException')
def report = new File(basedir, 'target/report/report.json')
assert report.isFile()
