#!/usr/bin/env python3
"""The start-up profile for kernels/bench.sh: from `jfr print --events jdk.ExecutionSample
--stack-depth 256` of a start-up with the AOT cache, the share of the main thread's samples
under each of the heaviest start-up steps (inclusive: a sample counts for every step on its
stack), and what the JVM said about the AOT cache (-Xlog:aot).

  startup_profile.py <jfr print output> <-Xlog:aot file>
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
events = text.split("jdk.ExecutionSample")[1:]
main = [e for e in events if 'sampledThread = "main"' in e]
steps = collections.Counter()
for e in main:
    frames = {re.sub(r"\(.*", "", f) for f in re.findall(r"^\s+([\w.$<>]+\(.*\)).*line:", e, re.M)}
    for f in frames:
        # framework and application steps below the start-up entry points, not the JDK's own frames
        if re.match(r"(io\.quarkus|io\.smallrye|io\.vertx|io\.micrometer|io\.vitalstream)\.", f) and not re.search(
                r"Quarkus\.run$|EntryPoint\.|Application\.start$|ApplicationLifecycleManager\.|LazyValue\.|SharedContext|ComputingCache\.|\.main$", f):
            steps[f] += 1
aot = open(sys.argv[2]).read() if len(sys.argv) > 2 else ""
said = [m for m in re.findall(r"\[aot\] (.*)", aot)
        if re.search(r"full module graph cannot|Using AOT-linked classes", m)]
top = "; ".join(f"{100 * c / max(1, len(main)):.0f} %: {f}" for f, c in steps.most_common(6))
print(f"{len(main)} main-thread samples at 1 ms; {top}. The JVM on the AOT cache: " + "; ".join(said))
