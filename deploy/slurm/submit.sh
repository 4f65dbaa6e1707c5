#!/usr/bin/env bash
# Scores CORPUS into OUT as N shards on Slurm, then merges them.
#
#   ./submit.sh          submit the array (shards 0 to N-1), then the merge
#   ./submit.sh 3,5      score shards 3 and 5 again (after they failed), then
#                        the merge; same CORPUS, OUT, N and ASOF as before
#
# The merge waits for every task of the array (afterok); if one fails, Slurm
# cancels the merge, and you rerun the failed shards as above.
set -euo pipefail

# Configuration: edit here, or set in the environment.
CORPUS=${CORPUS:-}                  # the posts: a directory every node sees, or s3://bucket/prefix (gs://, azblob://)
OUT=${OUT:-}                        # the run: a shared directory, or s3://bucket/prefix
N=${N:-8}                           # shards: array tasks
ASOF=${ASOF:-$(date -u +%F)}        # fixed at submission, so that every shard uses the same date
POSTSCORE=${POSTSCORE:-postscore}   # the binary, as the compute nodes find it
# For object storage, also export AWS_ENDPOINT_URL, AWS_REGION,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (sbatch passes the environment on).

die() { echo "submit.sh: $*" >&2; exit 2; }
[ -n "$CORPUS" ] || die "set CORPUS (a directory, or s3://bucket/prefix)"
[ -n "$OUT" ] || die "set OUT (a directory, or s3://bucket/prefix)"
[[ $N =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$N'"
[[ $ASOF =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "ASOF must be YYYY-MM-DD, not '$ASOF'"
command -v "$POSTSCORE" >/dev/null || echo "submit.sh: warning: $POSTSCORE is not found here; the compute nodes must find it" >&2
export CORPUS OUT N ASOF POSTSCORE

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
array=${1:-0-$((N - 1))}

# --parsable prints "jobid" or "jobid;cluster".
score=$(sbatch --parsable --array="$array" "$here/score.sbatch")
score=${score%%;*}
merge=$(sbatch --parsable --dependency="afterok:$score" --kill-on-invalid-dep=yes "$here/merge.sbatch")
merge=${merge%%;*}

echo "submitted: score job $score (shards $array of $N), merge job $merge after it"
echo "as-of $ASOF; to rerun failed shards I,J: CORPUS=$CORPUS OUT=$OUT N=$N ASOF=$ASOF $0 I,J"
