"""Copies the figures table and the exactness line of kernels/RESULTS.md into a page (docs/performance.md, README.md),
between its results markers, so the page always shows the last run of kernels/bench.sh."""
import re
import sys

results, page = sys.argv[1], sys.argv[2]
text = open(results).read()
table = text[:text.index("Profiles of the targets not met")].rstrip() + "\n"
doc = open(page).read()
doc = re.sub(r"(<!-- results:begin[^>]*-->\n).*?(<!-- results:end -->)", lambda m: m.group(1) + table + m.group(2), doc, flags=re.S)
open(page, "w").write(doc)
