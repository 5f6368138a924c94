#!/usr/bin/env bash
# Fuzzes every target in fuzz/ with the HTML token dictionary, one after the other, each for
# FUZZ_SECONDS (default 600; scripts/test.sh runs them for 20, built with FUZZ_BUILD=quick).
# Needs a nightly toolchain; installs cargo-fuzz into .tools/ when it is missing. A finding stops the
# run and is kept in fuzz/artifacts/<target>/; the corpora grow in fuzz/corpus/<target>/
# (both gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-600}"
# FUZZ_BUILD=quick (what scripts/test.sh uses) builds the targets without optimisation and
# without AddressSanitizer: a cold build of that kind is a few minutes, where the default
# (release, one codegen unit, ASan) is about ten. The analysis core the targets drive has no
# `unsafe`, so ASan mostly watches our dependencies; the long runs keep it.
build_flags=()
if [ "${FUZZ_BUILD:-full}" = quick ]; then
    build_flags=(--dev --sanitizer none)
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "fuzz: no nightly toolchain; skipped (rustup toolchain install nightly)"
    exit 0
fi
# cargo-fuzz from crates.io into .tools/ (a fresh clone, CI), unless one is installed already.
export PATH="$PWD/.tools/cargo-fuzz/bin:$PATH"
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz into .tools/cargo-fuzz"
    # A debug build: a third of the release build's time, and cargo-fuzz only drives the build.
    cargo install --quiet --locked --debug cargo-fuzz --root .tools/cargo-fuzz
fi
for target in $(cargo +nightly fuzz list); do
    mkdir -p "fuzz/corpus/$target"
    echo "fuzz: $target for ${seconds}s"
    cargo +nightly fuzz run "${build_flags[@]}" "$target" "fuzz/corpus/$target" -- \
        -dict=fuzz/html.dict -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
