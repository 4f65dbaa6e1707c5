#!/usr/bin/env bash
# make pgo: refresh cmd/postscore/default.pgo, the CPU profile that `go build`
# uses for profile-guided optimisation of the postscore binary (Go's -pgo=auto;
# https://go.dev/doc/pgo). The profile is of the main job as make bench runs it:
# 20,000 generated posts, in the export format and as Markdown, plus the real
# posts of ../shared when they are there. Rebuilding with a new profile recompiles every package once.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}
BIN=.bench/postscore-nopgo
mkdir -p .bench
go build -pgo=off -o "$BIN" ./cmd/postscore
dir=.bench/corpus-$N
if [ ! -f "$dir/.done" ]; then
  rm -rf "$dir"
  "$BIN" gen -n "$N" --seed 1 -o "$dir" -q >/dev/null
  mv "$dir/truth.jsonl" ".bench/truth-$N.jsonl"
  touch "$dir/.done"
fi
profiles=()
run() { # run NAME CORPUS
  rm -rf ".bench/pgo-out"
  "$BIN" score "$2" -o .bench/pgo-out --as-of 2026-11-27 -q --cpuprofile ".bench/pgo-$1.prof" >/dev/null
  profiles+=(".bench/pgo-$1.prof")
}
run generated "$dir"
mddir=.bench/corpus-md-$N
if [ ! -f "$mddir/.done" ]; then
  rm -rf "$mddir"
  "$BIN" gen -n "$N" --seed 1 --format markdown -o "$mddir" -q >/dev/null
  mv "$mddir/truth.jsonl" ".bench/truth-md-$N.jsonl"
  touch "$mddir/.done"
fi
run markdown "$mddir"
real=../shared/corpus/real
if [ -d "$real" ]; then run real "$real"; else echo "$real is not there: the generated posts only"; fi
go tool pprof -proto "${profiles[@]}" > cmd/postscore/default.pgo
rm -rf .bench/pgo-out
echo "wrote cmd/postscore/default.pgo ($(wc -c < cmd/postscore/default.pgo) bytes) from ${profiles[*]}"
# What the profile was made from: the hot code (features, its comments aside), hashed
# as TestProfileIsFresh hashes them, so that make test says when they change.
go run ./scripts/hotsources > cmd/postscore/default.pgo.sources
echo "refreshed cmd/postscore/default.pgo and default.pgo.sources: commit both"
