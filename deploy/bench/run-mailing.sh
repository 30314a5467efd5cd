#!/usr/bin/env bash
# A mailing to a whole branch: members imported with consent, one mailing to all of them, timed
# until every recipient is queued and until a local SMTP sink has taken every mail.
# Results: docs/PERFORMANCE.md. Usage: deploy/bench/run-mailing.sh [members=100000] [connections=2]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_run org.branchwork.bench.MailingLoad "$@"
