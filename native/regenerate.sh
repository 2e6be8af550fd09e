#!/usr/bin/env bash
# Regenerates the FFM bindings to FFTW in src/main/java/io/vitalstream/kernels/fftw/bindings
# from /usr/include/fftw3.h (Debian libfftw3-dev). Developer tool only: the build never
# runs it. Needs a jextract for JDK 25 (openjdk/jextract master, run with libclang 19);
# point JEXTRACT at its bin/jextract.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JEXTRACT:=jextract}"
rm -f src/main/java/io/vitalstream/kernels/fftw/bindings/*.java
"$JEXTRACT" @native/fftw.args    # double precision -> Fftw3  (libfftw3.so.3)
"$JEXTRACT" @native/fftwf.args   # single precision -> Fftw3f (libfftw3f.so.3)
