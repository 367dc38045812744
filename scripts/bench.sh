#!/usr/bin/env bash
# Whole-run benchmarks: builds corpora with yoy-gen (deterministic, seed 1)
# and times `yoy extract` and `yoy report` on each as whole processes, with
# peak memory from /usr/bin/time. Optionally times the Recognizers-Text peer
# on the first MB of the smallest corpus against `yoy scan` on the same text.
#
#   scripts/bench.sh                 # 10 and 100 MB
#   SIZES="10 100 1000" scripts/bench.sh
#   PEER_PYTHON=/path/to/python scripts/bench.sh   # with the peer
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"10 100"}
commands=${COMMANDS:-"extract report"}
cargo build --release --bins -q
mkdir -p target/bench
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
printf '%-6s %-8s %10s %9s %10s %12s %12s\n' size command seconds MB/s figures figures/s peak_MB
for mb in $sizes; do
  dir=target/bench/c$mb
  [ -f "$dir/manifest.toml" ] || ./target/release/yoy-gen --mb "$mb" --seed 1 --out "$dir" 2>/dev/null
  bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  for cmd in $commands; do
    out=target/bench/out-$cmd-$mb
    rm -rf "$out"
    if [ "$cmd" = extract ]; then
      /usr/bin/time -f "%e %M" -o target/bench/time.txt ./target/release/yoy extract "$dir" --out "$out.csv" > /dev/null
      figures=$(python3 -c "import csv,sys; csv.field_size_limit(1<<30); print(sum(1 for _ in csv.reader(open(sys.argv[1], encoding='utf-8'))) - 1)" "$out.csv")
    else
      /usr/bin/time -f "%e %M" -o target/bench/time.txt ./target/release/yoy report "$dir" --out "$out" --force > target/bench/terminal.txt
      # "N documents · M figures · ..." (report.json is too large to parse here)
      figures=$(head -1 target/bench/terminal.txt | sed 's/.* · \([0-9]*\) figures.*/\1/')
    fi
    read -r secs kb < target/bench/time.txt
    awk -v mb="$mb" -v c="$cmd" -v s="$secs" -v b="$bytes" -v f="$figures" -v k="$kb" \
      'BEGIN { printf "%-6s %-8s %10.2f %9.1f %10d %12.0f %12.0f\n", mb"MB", c, s, b/1048576/s, f, f/s, k/1024 }'
  done
done
if [ -n "${PEER_PYTHON:-}" ]; then
  first=$(echo "$sizes" | awk '{print $1}')
  dir=target/bench/c$first
  peer=$("$PEER_PYTHON" scripts/peer.py "$dir" 1)
  echo "peer (Recognizers-Text, Python): $peer"
  bytes=$(echo "$peer" | sed 's/.*bytes=\([0-9]*\).*/\1/')
  # The same files, concatenated, through yoy scan (numbers only).
  files=$(find "$dir" -name '*.txt' | sort | awk -v max="$bytes" '{ print }' | head -n "$(ls "$dir"/*.txt | wc -l)")
  python3 - "$dir" "$bytes" > target/bench/peer-input.txt <<'PY'
import os, sys
d, limit, total = sys.argv[1], int(sys.argv[2]), 0
for n in sorted(os.listdir(d)):
    if n.endswith('.txt') and total < limit:
        t = open(os.path.join(d, n), encoding='utf-8').read()
        sys.stdout.write(t)
        total += len(t.encode('utf-8'))
PY
  /usr/bin/time -f "%e %M" -o target/bench/time.txt ./target/release/yoy scan < target/bench/peer-input.txt > target/bench/peer-yoy.jsonl
  read -r secs kb < target/bench/time.txt
  n=$(wc -l < target/bench/peer-yoy.jsonl)
  echo "yoy scan on the same text: seconds=$secs numbers=$n"
fi
