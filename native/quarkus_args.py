#!/usr/bin/env python3
"""Turns what Quarkus would pass to the `native-image` driver (target/native-sources/
native-image.args) and the `Args` of the native-image.properties in the image's jars into the
image builder's own arguments, for native/builder.sh (there is no driver here).

  quarkus_args.py <native-sources dir> <output dir> <image args out> <builder JVM args out>

The image args are written NUL-separated (the builder's --image-args-file), the JVM arguments
one per line. Driver options without a builder counterpart that matters here are dropped and
listed on stderr.
"""
import re
import sys
import uuid
import zipfile
from pathlib import Path

src, out_dir, image_out, jvm_out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])

# driver option -> builder option (the @APIOption mapping of the builder's option fields)
VALUED = {
    "--features": "-H:Features=",
    "--enable-url-protocols": "-H:EnableURLProtocols=",
    "--enable-monitoring": "-H:EnableMonitoringFeatures=",
    "--enable-native-access": "-H:EnableNativeAccess=",
    "--initialize-at-build-time": None,  # -H:ClassInitialization=<classes>:build_time
    "--initialize-at-run-time": None,    # -H:ClassInitialization=<classes>:run_time
}
DROPPED = {"--no-fallback", "--link-at-build-time", "--report-unsupported-elements-at-runtime",
           "--allow-incomplete-classpath", "--install-exit-handlers", "--strict-image-heap"}


def properties_args(text):
    """The Args value of a native-image.properties file, split into arguments."""
    text = re.sub(r"\\\r?\n[ \t]*", " ", text)  # line continuations
    for line in text.splitlines():
        m = re.match(r"\s*Args\s*[=:]\s*(.*)", line)
        if m:
            return m.group(1).replace("\\\\", "\\").split()
    return []


def translate(args, image, jvm, dropped, origin):
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("-J"):
            jvm.append(a[2:])
        elif a.startswith("-H:") or a.startswith("-R:"):
            image.append(a)
        elif a == "--exclude-config":
            excluded.append((re.compile(args[i + 1]), re.compile(args[i + 2])))
            i += 2
        elif a in DROPPED:
            dropped.append(f"{a} ({origin})")
        elif "=" in a and a.split("=", 1)[0] in VALUED:
            name, value = a.split("=", 1)
            if name in ("--initialize-at-build-time", "--initialize-at-run-time"):
                # each class or package carries its own suffix
                suffix = ":build_time" if name == "--initialize-at-build-time" else ":run_time"
                image.append("-H:ClassInitialization=" + ",".join(c + suffix for c in value.split(",")))
            elif name == "--enable-native-access":
                image.append(VALUED[name] + value + ",org.graalvm.nativeimage.builder")
            else:
                image.append(VALUED[name] + value)
        elif a == "--initialize-at-build-time":
            image.append("-H:ClassInitialization=:build_time")
        elif a.startswith("--add-exports=") or a.startswith("--add-opens=") or a.startswith("--add-modules="):
            jvm.append(a)
        else:
            dropped.append(f"{a} ({origin})")
        i += 1


# the configuration files the driver hands to the builder as classpath resources
CONFIG_FILES = {
    "reflect-config.json": "-H:ReflectionConfigurationResources=",
    "resource-config.json": "-H:ResourceConfigurationResources=",
    "jni-config.json": "-H:JNIConfigurationResources=",
    "proxy-config.json": "-H:DynamicProxyConfigurationResources=",
    "serialization-config.json": "-H:SerializationConfigurationResources=",
    "reachability-metadata.json": "-H:ReachabilityMetadataResources=",
}

image, jvm, dropped, excluded = [], [], [], []
quarkus = (src / "native-image.args").read_text().split()
# positional: <image name> -jar <jar>
jar_index = quarkus.index("-jar")
runner = src / quarkus[jar_index + 1]
name = quarkus[jar_index - 1]
translate(quarkus[:jar_index - 1] + quarkus[jar_index + 2:], image, jvm, dropped, "native-image.args")

with zipfile.ZipFile(runner) as z:
    manifest = z.read("META-INF/MANIFEST.MF").decode()
manifest = re.sub(r"\r?\n ", "", manifest)
main_class = re.search(r"^Main-Class:\s*(\S+)", manifest, re.M).group(1)
class_path = re.search(r"^Class-Path:\s*(.*)$", manifest, re.M).group(1).split()
jars = [runner] + [src / p for p in class_path]
configs = []
for jar in jars:
    with zipfile.ZipFile(jar) as z:
        for entry in z.namelist():
            if not entry.startswith("META-INF/native-image/"):
                continue
            if entry.endswith("native-image.properties"):
                translate(properties_args(z.read(entry).decode("utf-8", "replace")), image, jvm, dropped, f"{jar.name}!{entry}")
            elif entry.rsplit("/", 1)[-1] in CONFIG_FILES:
                if any(j.search(jar.name) and r.search("/" + entry) for j, r in excluded):
                    dropped.append(f"{entry} in {jar.name} (excluded by --exclude-config)")
                else:
                    configs.append(CONFIG_FILES[entry.rsplit("/", 1)[-1]] + entry)

image = ["-imagecp", ":".join(str(j) for j in jars), f"-H:Name={name}", f"-H:Path={out_dir}", f"-H:Class={main_class}",
         f"-H:ImageBuildID={uuid.uuid4()}"] + image + configs
image_out.write_bytes(b"".join(a.encode() + b"\0" for a in image))
jvm_out.write_text("\n".join(jvm) + "\n")
for d in dropped:
    print("dropped: " + d, file=sys.stderr)
print(f"{len(configs)} configuration files, {len(image)} image arguments, {len(jvm)} builder JVM arguments, {len(jars)} jars, main class {main_class}", file=sys.stderr)
