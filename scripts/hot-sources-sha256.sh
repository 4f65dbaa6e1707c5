#!/usr/bin/env bash
# The sha256 of the hot code that cmd/postscore/default.pgo profiles: each
# non-test Go file of features/ and of its subpackages, in byte order of
# their paths, as its path, a newline, then its contents.
# TestProfileIsFresh (cmd/postscore) computes the same.
set -euo pipefail
cd "$(dirname "$0")/.."
for f in $(find features -name '*.go' ! -name '*_test.go' | LC_ALL=C sort); do
  printf '%s\n' "$f"
  cat "$f"
done | sha256sum | cut -d' ' -f1
