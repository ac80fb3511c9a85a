#!/usr/bin/env bash
# test.sh: the whole test suite. Installs what it needs, builds the `dev`
# preset (gcc, ASan+UBSan) and runs every test with ctest; the output ends
# with ctest's summary. Usage: bash ci/test.sh [extra ctest args]
set -euo pipefail
cd "$(dirname "$0")/.."

bash ci/install-deps.sh
jobs=$(nproc)
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$jobs"
exec ctest --preset dev -j "$jobs" "$@"
