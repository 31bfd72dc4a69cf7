// Writing the CLI's output lines to stdout/stderr. `hailong audit | head` closes the pipe after ten lines: the
// next write fails with EPIPE, which Node reports as an unhandled 'error' event (a stack trace). A reader
// that has gone away wants nothing more, so the rest of that output is dropped and the command ends as usual.
// Any other write failure (a full disk behind `> file`) is not quiet: it is said on stderr and fails the run.

export interface LineWriter {
  (line: string): void;
  /** The write error other than EPIPE, if one happened: the output is incomplete. */
  failure(): Error | undefined;
}

export function quietWriter(stream: NodeJS.WritableStream, report?: (message: string) => void): LineWriter {
  let gone = false;
  let failure: Error | undefined;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    gone = true;
    if (e.code === "EPIPE" || failure) return;
    failure = e;
    report?.(`hailong: could not write the output: ${e.message}`);
  });
  const write = (line: string) => {
    if (!gone) stream.write(`${line}\n`);
  };
  return Object.assign(write, { failure: () => failure });
}
