# Sourced by bin/serve and bin/test: makes a fresh Debian machine ready to build and run.
# - JAVA_HOME -> JDK 25 (Temurin on these machines), unless it already points at a JDK 25
# - libfftw3 (double and single precision) installed when missing and we may install;
#   without it the service still runs, on its pure-Java FFT
# - Maven through the wrapper ($MVN)
set -eu

jdk_version() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }

if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(jdk_version "$JAVA_HOME")" != 25 ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25*; do
    if [ -x "$candidate/bin/java" ] && [ "$(jdk_version "$candidate")" = 25 ]; then
      JAVA_HOME=$candidate
      break
    fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(jdk_version "$JAVA_HOME")" != 25 ]; then
  echo "VitalStream needs JDK 25: set JAVA_HOME to one (looked in /usr/lib/jvm)." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else return 1; fi; }

if ! ldconfig -p 2>/dev/null | grep -q 'libfftw3\.so\.3 ' || ! ldconfig -p 2>/dev/null | grep -q 'libfftw3f\.so\.3 '; then
  echo "Installing libfftw3-dev (FFTW 3)..." >&2
  if ! { as_root apt-get install -y -q libfftw3-dev >/dev/null 2>&1 || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q libfftw3-dev >/dev/null 2>&1; }; }; then
    echo "Could not install libfftw3-dev: continuing on the pure-Java FFT." >&2
  fi
fi

# Maven: the wrapper (./mvnw) fetches the pinned Maven (.mvn/wrapper/maven-wrapper.properties)
# from Maven Central on first use; it needs unzip or the JDK's jar tool, and curl or wget
MVN="$PWD/mvnw"

# For the benchmark scripts: the compiled classes and the app's libraries on a class path
# ($APP_CP), packaging first when they are missing; and a source-file launch with the
# JVM flags the engine needs, held to -Xmx256m ($HEAVY_JAVA).
app_classpath() {
  [ -f target/classes/io/vitalstream/pipeline/Pipeline.class ] && [ -d target/quarkus-app/lib/main ] \
    || "$MVN" -B -q package -DskipTests -Dspotless.check.skip=true
  APP_CP="target/classes:target/quarkus-app/lib/main/*"
}
HEAVY_JAVA="java -Xmx256m -XX:+UseSerialGC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
