#!/usr/bin/env bash
# The native-image check: compiles the service natively with GraalVM's builder from Maven
# Central (native/builder.sh --quarkus, about 10 minutes and 6 GB on two cores), makes sure the
# packaged JVM service has its AOT cache, then runs native/smoke.py: the native executable and
# the JVM service, one after the other, on health, the README example, a 32-channel request, a
# job with WebSocket progress and its download, a live stream, and the zero-phase kernel's
# throughput; results must agree. Writes the figures to target/native-builder/smoke.md.
#   native/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/env.sh
for pkg in gcc:gcc zlib1g-dev:/usr/include/zlib.h python3-numpy:/usr/lib/python3/dist-packages/numpy \
           python3-websockets:/usr/lib/python3/dist-packages/websockets; do
  name=${pkg%%:*} probe=${pkg#*:}
  if ! command -v "$probe" >/dev/null 2>&1 && [ ! -e "$probe" ]; then
    echo "Installing $name (native build and check)..." >&2
    as_root apt-get install -y -q "$name" >/dev/null 2>&1 || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$name" >/dev/null 2>&1; }
  fi
done
# the build needs room: the builder's jars, its temporary files and a 77 MB executable
mkdir -p target
free_mb=$(df -Pm target | awk 'NR==2 {print $4}')
if [ "$free_mb" -lt 3000 ]; then
  echo "native/test.sh: only ${free_mb} MB free under $(pwd)/target; the native build needs about 3 GB" >&2
  df -h target >&2
  exit 1
fi
# Quarkus's native sources from the current code (this also repackages target/quarkus-app)
rm -rf target/native-sources
native/builder.sh --quarkus
exe=target/native-builder/quarkus/out/vitalstream-0.1.0-SNAPSHOT-runner
# the JVM service's AOT cache is trained by the integration tests (as in kernels/bench.sh)
if [ ! -f target/quarkus-app/app.aot ]; then
  "$MVN" -B -q verify -Dit.test=FilterEndpointIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true
fi
/usr/bin/python3 native/smoke.py "$exe" target/quarkus-app/vitalstream --table target/native-builder/smoke.md
