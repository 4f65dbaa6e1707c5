#!/usr/bin/env bash
# The sha256 of the hot code that cmd/postscore/default.pgo profiles: each
# non-test Go file of features/, in byte order, as its path, a newline, then
# its contents. TestProfileIsFresh (cmd/postscore) computes the same.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in $(LC_ALL=C ls features/*.go | grep -v '_test\.go$'); do
  printf '%s\n' "$f"
  cat "$f"
done | sha256sum | cut -d' ' -f1
