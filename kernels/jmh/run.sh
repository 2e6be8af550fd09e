#!/usr/bin/env bash
# JMH benchmarks of the kernels: scalar vs vector, cache-resident to memory-bound sizes.
#   kernels/jmh/run.sh [JMH options, e.g. -f 1 -wi 2 -i 3 SosKernel]
set -eu
cd "$(dirname "$0")/../.."
. bin/env.sh
[ -f target/vitalstream-0.1.0-SNAPSHOT.jar ] || "$MVN" -B -q package -DskipTests -Dspotless.check.skip=true
"$MVN" -B -q -f kernels/jmh/pom.xml package
# the service's jar is system-scoped: put it on the class path beside the shaded benchmarks
exec java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "kernels/jmh/target/benchmarks.jar:target/vitalstream-0.1.0-SNAPSHOT.jar" org.openjdk.jmh.Main \
  -jvmArgsAppend "--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED" "$@"
