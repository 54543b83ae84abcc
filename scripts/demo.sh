#!/usr/bin/env bash
# Placeholder for the end-to-end demo (master + worker + dmctl replicating the sandbox upstream into the sandbox
# downstream). It exits with status 2 until the control plane exists, so nobody mistakes it for a passing demo.
set -euo pipefail
cat >&2 <<'MSG'
demo.sh: the dm4j demo is not available yet.
  It needs the control plane (dm-master scheduling, dm-worker subtasks, dmctl start-task), which has not landed.
  What works today: the replication building blocks and their tests against real databases:
      scripts/test.sh
  See README.md ("Status") for what is present and what is planned.
MSG
exit 2
