#!/usr/bin/env bash
# Development helper: copy the low-level PDF modules from a scratch crate (edition 2021)
# into src/pdf/ (edition 2024, where `gen` is a reserved keyword).
set -euo pipefail
src="${1:?usage: $0 SCRATCH_CRATE_DIR [module...]}"; shift
mods=("$@"); [ ${#mods[@]} -gt 0 ] || mods=(crypt error filters lexer object parser reader sign signatures writer)
for m in "${mods[@]}"; do
  sed -E 's/\bgen\b/r#gen/g; s/\{r#gen\}/{gen}/g' "$src/src/$m.rs" > "src/pdf/$m.rs"
done
cargo fmt
