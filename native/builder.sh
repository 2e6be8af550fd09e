#!/usr/bin/env bash
# Runs GraalVM's native-image builder (com.oracle.svm.hosted.NativeImageGeneratorRunner) from the
# jars Maven Central publishes, on Temurin 25 with JVMCI switched on: no GraalVM distribution and
# no `native-image` driver (neither is available here). Work in progress for the native-image
# issue: see native/README.md for how far a build gets.
#
#   native/builder.sh <args-file>   builder arguments, NUL-separated (-imagecp, -H:Name=, ...)
#   native/builder.sh --hello       a one-class program, to see where the tool chain stops
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/target/native-builder"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
mkdir -p "$work"

# 1. the builder's jars (about 54 MB, once)
if [ ! -f "$work/jars/svm-25.0.2.jar" ]; then
  "$root/mvnw" -q -f "$root/native/builder/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/jars"
fi
compiler=$(ls "$work"/jars/compiler-*.jar)
modules=$(ls "$work"/jars/*.jar | grep -v "/compiler-" | tr '\n' ':')

# 2. the JDK-internal packages the builder's modules use (the driver of a distribution adds
#    these): derived once with jdeps, one --add-exports per package naming every module that uses it
if [ ! -f "$work/exports.args" ]; then
  for jar in "$work"/jars/*.jar; do
    "$JAVA_HOME/bin/jdeps" --multi-release 25 --upgrade-module-path "$compiler" --module-path "$modules" \
      --add-modules ALL-MODULE-PATH --jdk-internals "$jar" 2>/dev/null || true
  done | awk '
    /^[^ ]+ -> [^ ]+$/ { user = $1; next }
    /^   .* -> .*JDK internal API \(/ {
      cls = $3; pkg = cls; sub(/\.[^.]+$/, "", pkg)
      mod = $0; sub(/.*JDK internal API \(/, "", mod); sub(/\).*/, "", mod)
      key = mod "/" pkg
      if (!((key, user) in seen)) { seen[key, user] = 1; users[key] = (key in users) ? users[key] "," user : user }
    }
    END { for (k in users) print "--add-exports=" k "=" users[k] }' | sort > "$work/exports.args"
  # found by running it: reached through reflection, which jdeps does not see
  echo "--add-exports=java.base/jdk.internal.module=org.graalvm.nativeimage.base,org.graalvm.nativeimage.builder" >> "$work/exports.args"
fi

args=${1:?usage: native/builder.sh <args-file> | --hello}
if [ "$args" = --hello ]; then
  mkdir -p "$work/hello/out"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello from a native image"); } }\n' \
    > "$work/hello/Hello.java"
  "$JAVA_HOME/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
  "$JAVA_HOME/bin/jar" cfe "$work/hello/hello.jar" Hello -C "$work/hello" Hello.class
  printf '%s\0' -imagecp "$work/hello/hello.jar" -H:Name=hello -H:Path="$work/hello/out" -H:Class=Hello \
    -H:ImageBuildID="$(cat /proc/sys/kernel/random/uuid)" > "$work/hello/args"
  args="$work/hello/args"
fi

# the builder loads the image's classes through its own system class loader and runs with the
# Java platform module system; JVMCI on, the Graal compiler module replaced by the jar's
export USE_NATIVE_IMAGE_JAVA_PLATFORM_MODULE_SYSTEM=true
# shellcheck disable=SC2046
exec "$java" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -XX:-UseJVMCICompiler \
  --upgrade-module-path "$compiler" --module-path "$modules" $(cat "$work/exports.args") \
  -Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader \
  -Dorg.graalvm.nativeimage.imagecode=buildtime \
  -m org.graalvm.nativeimage.builder/com.oracle.svm.hosted.NativeImageGeneratorRunner --image-args-file="$args"
