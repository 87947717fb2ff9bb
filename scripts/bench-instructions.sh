#!/bin/sh
# Instructions per operation of benches/tick.rs (issue 13), counted by
# callgrind: repeatable where times are noisy (this machine is a VM whose
# perf has no hardware counters: `perf stat -e instructions:u` says
# "<not supported>").
#
# Usage: scripts/bench-instructions.sh [CAMPAIGNS] [TIMES]
#   CAMPAIGNS  the generated program's size (default 10000)
#   TIMES      how many times each operation runs (default 20; start-up
#              runs TIMES/10 times, at least once)
# Needs valgrind. The database is generated natively first (by the release
# `jmo demo --campaigns N`, the benchmark's program) into
# ${JMO_BENCH_DB:-/tmp/jmo-bench-CAMPAIGNS.db} and reused; the benchmark
# ticks change it a little, as a user would.
# Under callgrind a program runs ~50x slower: at 10,000 campaigns about two
# minutes, at 100,000 about ten (start-up dominates: use TIMES=5 there).
set -eu
cd "$(dirname "$0")/.."
N=${1:-10000}
TIMES=${2:-20}
DB=${JMO_BENCH_DB:-/tmp/jmo-bench-$N.db}
OUT=${TMPDIR:-/tmp}/jmo-callgrind-$N.out

cargo build --release --quiet
EXE=$(cargo bench --bench tick --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1)
[ -x "$EXE" ] || { echo "no benchmark executable" >&2; exit 1; }
if [ ! -e "$DB" ]; then
    XDG_CONFIG_HOME=$(mktemp -d) ./target/release/jmo demo --campaigns "$N" --as-of 2026-11-21 --db "$DB" >&2
fi
JMO_BENCH_CAMPAIGNS=$N JMO_BENCH_DB=$DB JMO_BENCH_COUNT=$TIMES \
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*counted_*' \
    --callgrind-out-file="$OUT" "$EXE" 2>/dev/null
STARTUPS=$(( (TIMES + 9) / 10 ))
callgrind_annotate --inclusive=yes --threshold=100 "$OUT" 2>/dev/null | grep 'counted_' | grep -v '^ *0 ' |
    awk -v t="$TIMES" -v s="$STARTUPS" -v n="$N" '{
        ir = $1; gsub(",", "", ir);
        match($0, /counted_[a-z_]+/); op = substr($0, RSTART + 8, RLENGTH - 8);
        k = (op == "startup") ? s : t;
        printf "%-12s @ %s: %.3f M instructions per operation (%d runs)\n", op, n, ir / k / 1e6, k
    }'
