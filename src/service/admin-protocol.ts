// The local admin endpoint's wire format, shared by the service (admin-endpoint.ts) and the CLI
// (cli/remote.ts): one JSON line from the CLI, then JSON lines back until the exit code.
// A Unix socket in the data directory rather than a TCP port: only local processes can reach it, it needs no
// port, and it is found where the lock is. The token file (owner-only) is what proves the caller may act as
// the service; the socket itself is owner-only too, for systems that honour socket permissions.
import path from "node:path";
import { z } from "zod";

export const ADMIN_SOCKET = "admin.sock";
export const ADMIN_TOKEN = "admin.token";
/** Linux's limit for a socket path (sun_path is 108 bytes, with its NUL). */
export const MAX_SOCKET_PATH = 107;
/** A request line larger than this is not a command line. */
export const MAX_REQUEST_BYTES = 1_000_000;

export function adminSocketPath(dataDir: string): string {
  return path.resolve(dataDir, ADMIN_SOCKET);
}

export function adminTokenPath(dataDir: string): string {
  return path.resolve(dataDir, ADMIN_TOKEN);
}

/** The environment a command may read from its operator: who they are, and whether they sit in CI. */
export const OPERATOR_ENV = ["USER", "LOGNAME", "USERNAME", "CI"] as const;

export const adminRequestSchema = z.object({
  token: z.string().min(1),
  argv: z.array(z.string()).max(1_000),
  cwd: z.string().min(1),
  env: z.partialRecord(z.enum(OPERATOR_ENV), z.string()),
  /** The operator's stderr when it is a terminal (its width), so progress bars redraw there. */
  tty: z.object({ columns: z.number().int().positive().optional() }).nullable(),
});
export type AdminRequest = z.infer<typeof adminRequestSchema>;

/** A line of stdout, a line of stderr, raw text for the operator's terminal, or the end with the exit code. */
export type AdminReply = { out: string } | { err: string } | { tty: string } | { exit: number };
