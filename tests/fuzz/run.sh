#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build for a bounded time, starting from the seed corpora in
# tests/fuzz/corpus/<target>. New inputs go to a scratch corpus (the committed seeds stay as they are);
# a crash leaves its reproducer in the scratch folder and fails the run.
#   tests/fuzz/run.sh [SECONDS=60] [BUILD_DIR=build-fuzz] [TARGET...]
# The long run (documented in README.md): tests/fuzz/run.sh 3600
set -u
seconds=${1:-60}
build=${2:-build-fuzz}
shift $(( $# > 2 ? 2 : $# ))
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(csv spec golden); fi
work=${DESCENT_FUZZ_WORK:-$(mktemp -d -t descent-fuzz-XXXXXX)}
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  echo "--- fuzz $t for ${seconds}s (scratch: $work/$t)"
  if "$build/${t}_fuzz" "$work/$t" "$here/corpus/$t" -max_total_time="$seconds" -rss_limit_mb=2048 \
      -timeout=10 -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$t/" 2>"$work/$t.log"; then
    echo "fuzz $t: ok ($(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$') runs)"
  else
    tail -n 40 "$work/$t.log"
    echo "fuzz $t: FAILED (reproducer and log in $work)"
    failed=1
  fi
done
# A scratch folder of our own is kept only when it holds a reproducer.
if [ $failed -eq 0 ] && [ -z "${DESCENT_FUZZ_WORK:-}" ]; then rm -rf "$work"; fi
exit $failed
