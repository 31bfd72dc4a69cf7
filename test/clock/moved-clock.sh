#!/usr/bin/env bash
# Runs the date-sensitive suites again with the clock moved, so a test (or a part of the service) that
# still reads today's date fails here instead of on the first day of some later month.
# Each scenario moves two clocks apart on purpose:
#   HAILONG_TEST_NOW  the instant the tests take as "now" (test/helpers/clock.ts), which the service is given;
#   the wall clock    the process's own time, moved with libfaketime (Debian package "faketime").
# A test that derives its dates from one injected clock passes whatever either is; one that mixes the
# injected clock with Date.now() or the database's now() does not.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The suites whose outcome depends on dates: periods, expiry, reminders, schedules, digests, webhooks,
# alerts on the running week and month, complaint times, integrity flags per period, feedback actions.
suites=(
  test/e2e/telegram-survey.test.ts
  test/e2e/zalo-survey.test.ts
  test/e2e/staff-digest.test.ts
  test/digest
  test/invitations
  test/indices
  test/announce
  test/outbox
  test/channels/zalo
  test/http/dossiers-batch.test.ts
  test/http/site.test.ts
  test/time-zone.test.ts
  test/alerts
  test/complaints
  test/integrity
  test/actions
)

# label | HAILONG_TEST_NOW | wall clock (UTC) for libfaketime
scenarios=(
  "another month|2027-03-16T09:15:00+07:00|2027-08-02 01:00:00"
  "year end (Vietnam time)|2026-12-31T23:57:00+07:00|2030-06-30 12:00:00"
  "far date, no DST anywhere in it|2041-07-19T14:00:00+07:00|2026-10-31 23:59:00"
)

preload=""
for lib in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  [ -f "$lib" ] && preload="$lib" && break
done
if [ -z "$preload" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "libfaketime is missing (apt-get install faketime): the moved-clock check cannot run" >&2
    exit 1
  fi
  echo "warning: libfaketime not installed (apt-get install faketime); moving only HAILONG_TEST_NOW, not the wall clock" >&2
fi

failed=0
for s in "${scenarios[@]}"; do
  IFS='|' read -r label test_now wall <<<"$s"
  echo "== moved clock: $label — tests' now $test_now, wall clock $wall UTC"
  if [ -n "$preload" ]; then
    # DONT_FAKE_MONOTONIC keeps timers and timeouts on real time; only the date moves.
    env HAILONG_TEST_NOW="$test_now" LD_PRELOAD="$preload" FAKETIME="@$wall" FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC \
      npx vitest run "${suites[@]}" || failed=1
  else
    env HAILONG_TEST_NOW="$test_now" npx vitest run "${suites[@]}" || failed=1
  fi
done
exit "$failed"
