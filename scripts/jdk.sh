# Sourced by ./triad and .ci/run: selects a JDK 25 (or newer) and exports JAVA_HOME.
# Order: JAVA_HOME if it is new enough, the java on PATH, then the JDKs under /usr/lib/jvm.

triad_java_major() {
  # Prints the major version of the java binary $1 (e.g. 25), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

triad_select_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    major=$(triad_java_major "$c/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$c"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "triad: no JDK 25 found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm/*)." >&2
  echo "triad: install one, e.g. Eclipse Temurin 25 ('apt-get install temurin-25-jdk' from the Adoptium repository)," >&2
  echo "triad: or point JAVA_HOME at it." >&2
  return 1
}
