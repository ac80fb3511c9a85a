#!/bin/bash -eu
# build.sh: the OSS-Fuzz / ClusterFuzzLite build of dhcpcore's fuzz targets.
#
# Uses only what the builder image sets: $CC $CXX $CFLAGS $CXXFLAGS (with the
# sanitizer and coverage flags) $LIB_FUZZING_ENGINE $SRC $WORK $OUT. Writes
# to $OUT, per target <name>_fuzzer (every fuzz/<name>_fuzzer.cpp):
#   <name>_fuzzer                the binary, linked with $LIB_FUZZING_ENGINE
#   <name>_fuzzer_seed_corpus.zip  corpus/<name>/ (seeds and regressions)
#   <name>_fuzzer.dict           fuzz/dhcp.dict
#   <name>_fuzzer.options        fuzz/<name>_fuzzer.options (max_len)
# The source tree is $SRC/dhcpcore, or DHCPCORE_SRC when set (check-build.sh).
set -eu
src=${DHCPCORE_SRC:-$SRC/dhcpcore}
build=$WORK/dhcpcore-build

# Sanitizers come from CXXFLAGS, the engine from $LIB_FUZZING_ENGINE; the
# project adds no sanitizer of its own. Warnings are not errors here: the
# builder's clang may be newer than the ones the project is tested with.
cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDHCPCORE_BUILD_TESTS=OFF -DDHCPCORE_BUILD_TOOLS=OFF -DDHCPCORE_BUILD_FUZZERS=ON \
  -DDHCPCORE_FUZZ_ENGINE=external -DDHCPCORE_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" \
  -DDHCPCORE_SANITIZE= -DDHCPCORE_WERROR=OFF
cmake --build "$build" -j "${DHCPCORE_BUILD_JOBS:-$(nproc)}" --target fuzz_targets

for source in "$src"/fuzz/*_fuzzer.cpp; do
  target=$(basename "$source" .cpp)
  name=${target%_fuzzer}
  cp "$build/fuzz/$target" "$OUT/"
  cp "$src/fuzz/dhcp.dict" "$OUT/$target.dict"
  if [ -f "$src/fuzz/$target.options" ]; then cp "$src/fuzz/$target.options" "$OUT/"; fi
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "$src/corpus/$name" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
done
