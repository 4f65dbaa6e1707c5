#!/usr/bin/env bash
# make bench: postscore's speed and memory on generated corpora, beside
# `cat FILES | wc -w` on the same files in the same run.
#
#   N=20000 SCALE=10 ROUNDS=5 SCALE_ROUNDS=3 bash scripts/bench.sh
#
# Scores N generated posts (9.1 KB on average; the seed is 6.8 KB) and prints
# posts/s, MB/s and peak RSS beside the wc time and their ratio (ROUNDS
# rounds, each timing wc then postscore, seconds apart; the ratio is the
# median of the rounds' own ratios, then best to best and median to median
# for comparison); then does the same at SCALE×N (SCALE_ROUNDS rounds) to
# show that memory does not grow with the corpus (SCALE=1 skips that).
# At N it also scores the same N posts written as Markdown (gen --format
# markdown, same seed) in each round, right after the export format, and
# prints Markdown's posts/s beside the export format's and their paired
# ratio (target: Markdown at least 70% of the export format's posts/s).
# Corpora live under .bench/ (ignored by git) and are reused between runs
# with the same N, while their first posts are those gen writes now.
#
# Readability checks: Measure with and without them (paired).
#
# Near-duplicates: Measure with and without signatures (paired), and the
# corpus-wide stage at DEDUP_SCALE (default 100000,300000,1000000) posts'
# signatures, with time and peak RSS.
#
# Scale-out (SCALEOUT=0 skips it): at N, in each of SCALEOUT_ROUNDS rounds,
# one unsharded run, then the same corpus as 4 shards (score --shard I/4) run
# as 4 parallel processes, then merge --no-report; it prints the 4 shards'
# CPU time (user+sys, summed) over the unsharded run's (target: within 10%)
# and merge's wall time as a share of the shards' (target: under 5%).
#
# BASELINE=/path/to/an/older/postscore (make bench BASELINE=...) also times
# that binary in each round, right after this one, and prints the paired
# ratio new/old: the check that a change kept the speed.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}
SCALE=${SCALE:-10}
ROUNDS=${ROUNDS:-5}
SCALE_ROUNDS=${SCALE_ROUNDS:-3} # rounds at SCALE×N (about 45 s each at the defaults)
SCALEOUT=${SCALEOUT:-1}
SCALEOUT_ROUNDS=${SCALEOUT_ROUNDS:-3} # scale-out rounds at N (about 8 s each at the defaults)
BIN=bin/postscore
BASELINE=${BASELINE:-}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench needs GNU time at /usr/bin/time (apt-get install time)"; exit 1; }
mkdir -p .bench

echo "== micro-benchmarks (one core)"
# Parse/Measure repeat the seed (a warm worker: every word already known);
# the Generated ones cycle through the 100 generated sample posts.
go test ./features -run '^$' -bench 'BenchmarkParse$|BenchmarkMeasure$|BenchmarkParseGenerated$|BenchmarkMeasureGenerated$' -benchmem -count 1 | grep -E '^Benchmark'
go test ./scoring ./pipeline -run '^$' -bench . -benchmem -count 1 | grep -E '^Benchmark' || true
echo "== parse and measure take time linear in a post's size (TestLinearTime)"
go test -tags timing -count=1 -pgo=off ./features -run 'TestLinearTime' -v 2>&1 | grep -E 'ratio|^(--- |FAIL|ok)'

# make_corpus DIR N FORMAT EXT TRUTH: gen's N posts of seed 1 in FORMAT
# (files *.EXT) in DIR, their truth in TRUTH; a corpus made before is kept
# while its first three posts are those gen writes now.
make_corpus() {
  local dir=$1 n=$2 format=$3 ext=$4 truth=$5 check=$1.check f
  if [ -f "$dir/.done" ]; then
    rm -rf "$check"
    $BIN gen -n 3 --seed 1 --format "$format" -o "$check" -q >/dev/null
    for f in 0000000 0000001 0000002; do
      cmp -s "$check/0000/$f.$ext" "$dir/0000/$f.$ext" || rm -f "$dir/.done"
    done
    rm -rf "$check"
  fi
  if [ ! -f "$dir/.done" ]; then
    rm -rf "$dir"
    $BIN gen -n "$n" --seed 1 --format "$format" -o "$dir" -q >/dev/null
    mv "$dir/truth.jsonl" "$truth"
    touch "$dir/.done"
  fi
  # Warm the page cache, so that no run pays for the disk.
  find "$dir" -name "*.$ext" -print0 | xargs -0 cat > /dev/null
}

# bench_one N ROUNDS [markdown]
bench_one() {
  local n=$1 dir=.bench/corpus-$1 mddir=.bench/corpus-md-$1 md=${3:-}
  make_corpus "$dir" "$n" post txt ".bench/truth-$n.jsonl"
  [ -n "$md" ] && make_corpus "$mddir" "$n" markdown md ".bench/truth-md-$n.jsonl"
  local files bytes
  files=$(find "$dir" -name '*.txt' | wc -l)
  bytes=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # wc and postscore run in turn, ROUNDS times (this is a shared machine
  # whose speed drifts): each line reports every time; the ratio is given
  # best to best, median to median, and as the median of each round's own
  # ratio (a round's two runs are seconds apart, so they share the
  # machine's speed of the moment).
  local rounds=$2 wc_ts="" ps_ts="" base_ts="" md_ts="" rss_max=0 md_rss_max=0
  for _ in $(seq "$rounds"); do
    wc_ts="$wc_ts $( { $TIME -f '%e' bash -c "find '$dir' -name '*.txt' -print0 | sort -z | xargs -0 cat | wc -w > /dev/null" ; } 2>&1 | tail -1)"
    rm -rf ".bench/out-$n"
    local res ps_t rss_kb
    res=$( { $TIME -f '%e %M' $BIN score "$dir" -o ".bench/out-$n" --as-of 2026-11-27 -q > ".bench/summary-$n.txt" ; } 2>&1 | tail -1)
    read -r ps_t rss_kb <<<"$res"
    ps_ts="$ps_ts $ps_t"
    [ "$rss_kb" -gt "$rss_max" ] && rss_max=$rss_kb
    if [ -n "$BASELINE" ]; then
      rm -rf ".bench/out-$n-base"
      base_ts="$base_ts $( { $TIME -f '%e' "$BASELINE" score "$dir" -o ".bench/out-$n-base" --as-of 2026-11-27 -q >/dev/null ; } 2>&1 | tail -1)"
    fi
    if [ -n "$md" ]; then
      rm -rf ".bench/out-md-$n"
      res=$( { $TIME -f '%e %M' $BIN score "$mddir" -o ".bench/out-md-$n" --as-of 2026-11-27 -q > ".bench/summary-md-$n.txt" ; } 2>&1 | tail -1)
      read -r ps_t rss_kb <<<"$res"
      md_ts="$md_ts $ps_t"
      [ "$rss_kb" -gt "$md_rss_max" ] && md_rss_max=$rss_kb
    fi
  done
  awk -v n="$files" -v b="$bytes" -v ws="$wc_ts" -v ps="$ps_ts" -v r="$rss_max" '
  function median(a, k,    i, j, t) { # sorts a[1..k] in place
    for (i = 2; i <= k; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return k % 2 ? a[(k+1)/2] : (a[k/2] + a[k/2+1]) / 2
  }
  BEGIN {
    k = split(ws, w, " "); split(ps, p, " ")
    wmed = median(w, k); pmed = median(p, k)
    wmin = w[1]; pmin = p[1]
    printf "corpus       %d posts, %.1f MB (%.1f KB a post)\n", n, b/1e6, b/n/1e3
    printf "wc -w        %.2f s (best of:%s)\n", wmin, ws
    printf "postscore    %.2f s (best of:%s)  %.0f posts/s  %.1f MB/s  peak RSS %.0f MiB\n", pmin, ps, n/pmin, b/1e6/pmin, r/1024
    # Each round'"'"'s ratio, from the times in run order (before sorting):
    # the two runs of a round share the machine'"'"'s speed of the moment,
    # which drifts between rounds, and not equally for both.
    split(ws, w2, " "); split(ps, p2, " ")
    for (i = 1; i <= k; i++) { rr[i] = p2[i] / w2[i]; rs = rs sprintf(" %.2f", rr[i]) }
    how = k > 1 ? sprintf("median of the %d rounds'"'"' own ratios (%s)", k, substr(rs, 2)) : "one round"
    printf "ratio        %.2f x the wc time, %s (target: within 2x); RSS target: under 256 MiB\n", median(rr, k), how
    if (k > 1)
      printf "             %.2f x best to best, %.2f x median to median (%.2f s / %.2f s): unpaired: they compare times taken at different moments of a machine whose speed drifts\n", pmin/wmin, pmed/wmed, pmed, wmed
  }'
  cat ".bench/summary-$n.txt"
  [ -n "$BASELINE" ] && paired_ratio "$ps_ts" "$base_ts"
  [ -n "$md" ] && markdown_ratio "$mddir" "$ps_ts" "$md_ts" "$md_rss_max" && cat ".bench/summary-md-$n.txt"
  return 0
}

# markdown_ratio prints the Markdown corpus's times and posts/s, and its
# posts/s over the export format's on the same posts, round by round (a
# round scores the export corpus, then the Markdown one, seconds apart).
markdown_ratio() {
  local dir=$1 files bytes
  files=$(find "$dir" -name '*.md' | wc -l)
  bytes=$(find "$dir" -name '*.md' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  awk -v n="$files" -v b="$bytes" -v ps="$2" -v ms="$3" -v r="$4" '
  BEGIN {
    k = split(ps, p, " "); split(ms, m, " ")
    mmin = m[1]; for (i = 2; i <= k; i++) if (m[i] < mmin) mmin = m[i]
    # Same posts in both corpora: posts/s over posts/s is time over time.
    for (i = 1; i <= k; i++) { rr[i] = p[i] / m[i]; rs = rs sprintf(" %.2f", rr[i]) }
    for (i = 2; i <= k; i++) for (j = i; j > 1 && rr[j-1] > rr[j]; j--) { t = rr[j]; rr[j] = rr[j-1]; rr[j-1] = t }
    med = k % 2 ? rr[(k+1)/2] : (rr[k/2] + rr[k/2+1]) / 2
    how = k > 1 ? sprintf("median of the %d rounds'"'"' own ratios (%s)", k, substr(rs, 2)) : "one round"
    printf "markdown     %d posts, %.1f MB (%.1f KB a post): the same posts as .md files\n", n, b/1e6, b/n/1e3
    printf "postscore md %.2f s (best of:%s)  %.0f posts/s  %.1f MB/s  peak RSS %.0f MiB\n", mmin, ms, n/mmin, b/1e6/mmin, r/1024
    printf "md/export    %.2f x the export format'"'"'s posts/s, %s (target: at least 0.70)\n", med, how
  }'
}

# paired_ratio prints this binary's time over BASELINE's, round by round.
paired_ratio() {
  awk -v ps="$1" -v bs="$2" -v base="$BASELINE" '
  BEGIN {
    k = split(ps, p, " "); split(bs, b, " ")
    for (i = 1; i <= k; i++) { r[i] = p[i] / b[i]; rs = rs sprintf(" %.3f", r[i]) }
    for (i = 2; i <= k; i++) for (j = i; j > 1 && r[j-1] > r[j]; j--) { t = r[j]; r[j] = r[j-1]; r[j-1] = t }
    med = k % 2 ? r[(k+1)/2] : (r[k/2] + r[k/2+1]) / 2
    printf "baseline     %s:%s s\n", base, bs
    printf "new/old      %.3f, median of the %d rounds'"'"' own ratios (%s) (target: at most 1.03)\n", med, k, substr(rs, 2)
  }'
}

# scale_out N ROUNDS: the N-post corpus of bench_one, in each round scored
# unsharded, then as 4 shards run at once (4 processes on this machine's
# cores, as a scheduler's 4 tasks would run on 4 machines), then merged.
# Sharding costs what it adds to the work: the shards' CPU time summed over
# the unsharded run's, the median of the rounds' own ratios; merge is the
# step that does not scale out: its wall time over the shards' wall time.
scale_out() {
  local n=$1 rounds=$2 dir=.bench/corpus-$1 one=.bench/out-$1-one out=.bench/out-$1-shards k=4
  local cpu_ratios="" merge_shares="" one_ts="" shard_ts="" merge_ts=""
  for _ in $(seq "$rounds"); do
    rm -rf "$one" "$out"
    local res one_e one_u one_s
    res=$( { $TIME -f '%e %U %S' $BIN score "$dir" -o "$one" --as-of 2026-11-27 -q --no-report >/dev/null ; } 2>&1 | tail -1)
    read -r one_e one_u one_s <<<"$res"
    local i pids=() t0 t1
    t0=$(date +%s.%N)
    for i in $(seq 0 $((k - 1))); do
      # GOMAXPROCS=1: each task of the recipes has one CPU (Go reads the
      # limit from its cgroup); 4 tasks at 2 threads each on 2 cores would
      # measure this machine's oversubscription instead.
      GOMAXPROCS=1 $TIME -f '%e %U %S' -o ".bench/time-shard-$i" $BIN score "$dir" -o "$out" --shard "$i/$k" --as-of 2026-11-27 -q >/dev/null &
      pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i"; done
    t1=$(date +%s.%N)
    local merge_e
    # merge --no-report: the step sharding adds. The reports it would also
    # write are work every run does (the unsharded run here has none).
    merge_e=$( { $TIME -f '%e' $BIN merge "$out" --no-report >/dev/null ; } 2>&1 | tail -1)
    # The shards' CPU summed, and the wall time of the 4 at once.
    local shard_cpu
    shard_cpu=$(for i in $(seq 0 $((k - 1))); do tail -1 ".bench/time-shard-$i"; done | awk '{ s += $2 + $3 } END { printf "%.2f", s }')
    one_ts="$one_ts $one_e"; shard_ts="$shard_ts $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')"; merge_ts="$merge_ts $merge_e"
    cpu_ratios="$cpu_ratios $(awk -v s="$shard_cpu" -v u="$one_u" -v y="$one_s" 'BEGIN { printf "%.3f", s / (u + y) }')"
    merge_shares="$merge_shares $(awk -v m="$merge_e" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", m / (b - a) }')"
  done
  awk -v k="$k" -v os="$one_ts" -v ss="$shard_ts" -v ms="$merge_ts" -v cr="$cpu_ratios" -v mr="$merge_shares" '
  function median(a, n,    i, j, t) { # sorts a[1..n] in place
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
    return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
  }
  BEGIN {
    r = split(cr, c, " "); split(mr, m, " ")
    printf "scale-out    unsharded:%s s; %d shards at once:%s s; merge:%s s\n", os, k, ss, ms
    printf "             %d shards'"'"' CPU %.3f x the unsharded run'"'"'s, median of the %d rounds'"'"' own ratios (%s) (target: at most 1.10)\n", k, median(c, r), r, substr(cr, 2)
    printf "             merge %.1f%% of the shards'"'"' wall time, median of the %d rounds (%s) (target: under 5%%)\n", 100 * median(m, r), r, substr(mr, 2)
  }'
}

# The near-duplicate signature's cost: Measure on the generated sample with
# and without it, alternating, 5 times each; the median of the pairs' ratios.
echo "== near-duplicate signatures: Measure signed / unsigned (target: at most 1.15)"
go test ./features -run '^$' -bench 'BenchmarkMeasureGenerated' -count 5 -cpu 1 | awk '
  /unsigned/ { u[++nu] = $3 } /\/signed/ { s[++ns] = $3 }
  END {
    n = nu < ns ? nu : ns
    for (i = 1; i <= n; i++) { r[i] = s[i] / u[i]; list = list sprintf(" %.3f", r[i]) }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j-1] > r[j]; j--) { t = r[j]; r[j] = r[j-1]; r[j-1] = t }
    printf "signatures   Measure %.3f x without them, median of %d pairs (%s)\n", n % 2 ? r[(n+1)/2] : (r[n/2] + r[n/2+1]) / 2, n, substr(list, 2)
  }'

# The readability checks' cost: Measure as a run does (signed) and without
# the checks, 8 times each; the ratio of the fastest of each (on a machine
# whose speed wanders, the fastest run is the one least disturbed) and the
# median of the pairs' ratios.
echo "== readability checks: Measure with / without them (target: at most 1.10)"
go test ./features -run '^$' -bench 'BenchmarkMeasureGenerated/^(signed|nochecks)$' -benchtime 2s -count 8 -cpu 1 | awk '
  /\/signed/ { s[++ns] = $3; if (!ms || $3 < ms) ms = $3 } /nochecks/ { u[++nu] = $3; if (!mu || $3 < mu) mu = $3 }
  END {
    n = nu < ns ? nu : ns
    for (i = 1; i <= n; i++) { r[i] = s[i] / u[i]; list = list sprintf(" %.3f", r[i]) }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j-1] > r[j]; j--) { t = r[j]; r[j] = r[j-1]; r[j-1] = t }
    printf "checks       Measure %.3f x without them, fastest against fastest; median of %d pairs %.3f (%s)\n", ms / mu, n, n % 2 ? r[(n+1)/2] : (r[n/2] + r[n/2+1]) / 2, substr(list, 2)
  }'

echo "== $N posts"
bench_one "$N" "$ROUNDS" markdown
if [ "$SCALEOUT" != 0 ]; then
  echo "== scale-out: $N posts as 4 shards, then merge"
  scale_out "$N" "$SCALEOUT_ROUNDS"
fi
if [ "$SCALE" -gt 1 ]; then
  echo "== $((N * SCALE)) posts ($SCALE x)"
  bench_one $((N * SCALE)) "$SCALE_ROUNDS"
fi

# The corpus-wide duplicate stage on signatures alone (5% near copies, 1%
# exact ones), each size in a child process: time and peak RSS (target: a
# million in at most 60 s and 1 GiB, memory linear in the posts).
echo "== the corpus-wide duplicate stage"
POSTSCORE_DEDUP_SCALE=${DEDUP_SCALE:-100000,300000,1000000} go test -count=1 -timeout 30m ./pipeline -run 'TestDuplicateStageScale' -v 2>&1 | grep -E 'duplicate stage|^(--- FAIL|FAIL|ok)'

# Memory: posts at --max-bytes built to be expensive, two at a time with
# default flags; each run's peak RSS must stay under 512 MiB (TestPeakRSS,
# cmd/postscore/memory_test.go, behind the build tag memory: minutes).
echo "== peak RSS on expensive posts (default flags)"
go test -tags memory -count=1 -pgo=off -timeout 60m ./cmd/postscore -run 'TestPeakRSS' -v 2>&1 | grep -E 'peak RSS|^(--- |FAIL|ok)'
