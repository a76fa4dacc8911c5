# Sourced by ./mvnw, ./corvid and .ci/run: point JAVA_HOME at a JDK 25 when it does not already.
# Order: JAVA_HOME if it is 25 or later, then /usr/lib/jvm/*25*, then javac on PATH if it is 25+.
corvid_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
corvid_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(corvid_java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
    return 0
  fi
  # find, not a glob: ./mvnw runs under set -f
  for d in $(find /usr/lib/jvm -maxdepth 1 -mindepth 1 -name "*25*" 2>/dev/null | sort); do
    if [ -x "$d/bin/javac" ]; then export JAVA_HOME="$d"; return 0; fi
  done
  if command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(corvid_java_major "$d")" -ge 25 ] 2>/dev/null; then export JAVA_HOME="$d"; return 0; fi
  fi
  echo "corvid: no JDK 25 found (looked at JAVA_HOME, /usr/lib/jvm/*25*, javac on PATH)." >&2
  echo "corvid: install one, e.g. 'apt-get install temurin-25-jdk', or set JAVA_HOME to a JDK 25." >&2
  return 1
}
