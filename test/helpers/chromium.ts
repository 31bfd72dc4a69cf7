// The browser tests drive Debian's chromium (playwright-core never downloads one). Locally a missing
// browser skips them with a warning; under CI it is an error, since .ci/run installs it.
import fs from "node:fs";

export const CHROMIUM = "/usr/bin/chromium";

/** Whether the browser tests of `what` can run; throws under CI when the browser is missing. */
export function chromiumAvailable(what: string): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium before the tests`);
  console.warn(`[tests] ${CHROMIUM} not found; the ${what} browser test is skipped (apt-get install chromium).`);
  return false;
}
