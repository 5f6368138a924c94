#!/bin/sh
# Rebuilds data/language/model.bin and languages.rs from lingua-rs's published models
# (crates.io `lingua-*-language-model` 1.3.0, Apache-2.0). Fetches the crates with cargo into
# the registry cache and unpacks ONLY their `models/` folders (never `testdata/`).
# Deterministic: same crates in, same bytes out.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TMPDIR:-/tmp}/textanalytics-lingua-models
mkdir -p "$work/fetch/src" "$work/models"
cat > "$work/fetch/Cargo.toml" <<'TOML'
[package]
name = "lingua-fetch"
version = "0.0.0"
edition = "2021"
[dependencies]
lingua = "=1.8.0"
[workspace]
TOML
echo 'fn main() {}' > "$work/fetch/src/main.rs"
(cd "$work/fetch" && cargo fetch --quiet)
for crate in "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/lingua-*-language-model-1.3.0.crate; do
    tar xzf "$crate" -C "$work/models" --wildcards '*/models/*'
done
cd "$root/scripts/language_model"
cargo run --release --quiet -- "$work/models" "$root/data/language"
