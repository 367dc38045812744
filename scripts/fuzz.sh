#!/usr/bin/env bash
# Runs the fuzz targets (the property tests in tests/properties.rs) for a
# fixed time budget each, in batches with fresh random seeds, and prints
# executions and crashes per target. Not part of CI.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 60)
#
# A failing case is shrunk by proptest, saved under proptest-regressions/
# (commit it: it is replayed first on every test run), and the batch's log
# is kept in target/fuzz-TARGET.log. Add interesting inputs as files under
# tests/fixtures/fuzz/ to keep them as regression tests.
set -uo pipefail
cd "$(dirname "$0")/.."
budget=${1:-60}
batch=${BATCH:-20000}
targets="chinese_numerals_round_trip arabic_numbers_round_trip negative_numbers_keep_their_sign fractions_read_as_ratios spaced_numerals_read_as_one invisible_characters_and_digit_groups_keep_the_value numeral_soup_never_panics scan_spans_are_valid extraction_quotes_its_offsets"
cargo test --release --test properties --no-run -q 2>/dev/null || cargo test --release --test properties --no-run
printf '%-32s %12s %8s %8s\n' target executions crashes seconds
for t in $targets; do
  start=$(date +%s)
  runs=0
  crashes=0
  while [ $(( $(date +%s) - start )) -lt "$budget" ]; do
    if PROPTEST_CASES=$batch cargo test --release -q --test properties -- --exact "$t" > "target/fuzz-$t.log" 2>&1; then
      runs=$((runs + batch))
    else
      crashes=$((crashes + 1))
      runs=$((runs + $(grep -o 'successes: [0-9]*' "target/fuzz-$t.log" | tail -1 | awk '{print $2}') + 1))
      break
    fi
  done
  printf '%-32s %12d %8d %8d\n' "$t" "$runs" "$crashes" $(( $(date +%s) - start ))
done
