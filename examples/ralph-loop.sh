#!/usr/bin/env bash
# A ralph-style loop: one fresh agent run per task, each task's tokens reported through the CLI.
#
#   TASKS="T01 T02 T03" ./examples/ralph-loop.sh
#
# It marks each task in_progress, runs the agent (here: `claude -p` with JSON output, which reports
# its usage), and marks the task done (or blocked) with the measured tokens in the same call, so the
# status change and the token event land in one transaction. A record key per task run makes a
# retried report replace, not double-count. Without `claude` on PATH it records a stand-in usage
# (marked usage_complete=false: a lower bound, not a guess dressed as a measurement).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tk="$here/tokenomics"
workstream="${WORKSTREAM:-RALPH-DEMO}"
repo="${REPO:-$(basename "$PWD")}"
model="${MODEL:-claude-sonnet-4-5}"

for task in ${TASKS:-T01 T02}; do
  "$tk" task update "$task" in_progress --workstream "$workstream" --repo "$repo" --note "loop picked it up" >/dev/null
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  run_key="ralph:$workstream:$task:$started"
  if command -v claude >/dev/null 2>&1 && command -v jq >/dev/null 2>&1; then
    out="$(claude -p "Do task $task of $workstream" --output-format json || true)"
    status="$(jq -r 'if .is_error then "blocked" else "done" end' <<<"$out")"
    "$tk" task update "$task" "$status" --model "$model" --record-key "$run_key" \
      --ts-start "$started" --ts-end "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      --tokens-in "$(jq -r '.usage.input_tokens // 0' <<<"$out")" \
      --tokens-out "$(jq -r '.usage.output_tokens // 0' <<<"$out")" \
      --cache-creation-tokens "$(jq -r '.usage.cache_creation_input_tokens // 0' <<<"$out")" \
      --cache-read-tokens "$(jq -r '.usage.cache_read_input_tokens // 0' <<<"$out")"
  else
    "$tk" task update "$task" done --model "$model" --record-key "$run_key" \
      --ts-start "$started" --ts-end "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
      --tokens-in 1000 --tokens-out 500 --usage-complete false \
      --event-note "no claude CLI here: stand-in counts, a lower bound"
  fi
done
"$tk" summary workstream "$workstream"
