// `npm run demo [-- --out DIR]`: runs the demo and prints what it made and where. Exit status 0 on
// success, 1 when the demo failed, 2 for bad usage.
import { runDemo } from "./run.ts";
import { summaryLines } from "./summary.ts";

const USAGE = `usage: npm run demo [-- --out DIR]

Starts hailong with an embedded database in a temporary directory and Telegram emulated in process (no
token, no network), simulates two weeks of citizens answering the SIPAS survey in a small province, and
writes the indices, the officials' weekly digest and announcements of official results (text and cards) into DIR
(default ./demo-output).`;

function parseArgs(argv: string[]): { outDir: string } | { error: string } | "help" {
  let outDir = "demo-output";
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--help" || a === "-h") return "help";
    if (a === "--out" || a.startsWith("--out=")) {
      const v = a === "--out" ? argv[++i] : a.slice("--out=".length);
      if (!v) return { error: "--out needs a directory" };
      outDir = v;
    } else return { error: `unexpected argument "${a}"` };
  }
  return { outDir };
}

export async function main(argv: string[], io: { out(l: string): void; err(l: string): void }): Promise<number> {
  const args = parseArgs(argv);
  if (args === "help") {
    io.out(USAGE);
    return 0;
  }
  if ("error" in args) {
    io.err(`demo: ${args.error}`);
    io.err(USAGE);
    return 2;
  }
  try {
    const result = await runDemo({ outDir: args.outDir, progress: (l) => io.err(l) });
    for (const line of summaryLines(result)) io.out(line);
    return 0;
  } catch (e) {
    // The reason first, in one line; the stack after it for whoever has to fix it.
    const err = e instanceof Error ? e : new Error(String(e));
    io.err(`demo failed: ${err.message}`);
    if (err.stack) io.err(err.stack);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  process.exitCode = await main(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
  });
}
