// The running service's local admin endpoint: the embedded database (PGlite) lives inside the service's
// process and cannot be opened by a second one, so a `hailong` command given while the service runs is sent
// here and runs inside the service, through the same command handlers, on the service's own database. What
// the command prints goes back to the operator's terminal line by line, then its exit code.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import type { CliIO } from "../cli/command.ts";
import type { Logger } from "../logger.ts";
import {
  adminRequestSchema,
  adminSocketPath,
  adminTokenPath,
  MAX_REQUEST_BYTES,
  MAX_SOCKET_PATH,
  type AdminReply,
  type AdminRequest,
} from "./admin-protocol.ts";

export interface AdminEndpointOptions {
  /** Where the socket and token files go: the data directory this process holds the lock on. */
  dataDir: string;
  logger: Logger;
  /** Runs one command line for the operator, writing through `io`; resolves with the exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
}

export interface AdminEndpoint {
  socketPath: string;
  /** Stops accepting commands and waits for those running (they use the database about to close). */
  close(): Promise<void>;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function parseRequest(line: string): AdminRequest | undefined {
  try {
    const parsed = adminRequestSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function startAdminEndpoint(opts: AdminEndpointOptions): Promise<AdminEndpoint | undefined> {
  const { dataDir, logger } = opts;
  const socketPath = adminSocketPath(dataDir);
  const tokenPath = adminTokenPath(dataDir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    logger.warn(
      { socketPath },
      "admin endpoint off: the data directory's path is too long for a Unix socket; CLI commands on this database need the service stopped",
    );
    return undefined;
  }
  // We hold the data directory's lock, so a socket or token found here was left by a process that died.
  fs.rmSync(socketPath, { force: true });
  fs.rmSync(tokenPath, { force: true });
  const token = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(tokenPath, token, { mode: 0o600, flag: "wx" });

  const running = new Set<Promise<unknown>>();
  const waiting = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    let buffered = "";
    let started = false;
    // A caller that connects and never sends its command must not hold the service's shutdown.
    waiting.add(socket);
    socket.setTimeout(10_000, () => {
      if (!started) socket.destroy();
    });
    socket.on("close", () => waiting.delete(socket));
    const send = (reply: AdminReply) => {
      if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(reply)}\n`);
    };
    const finish = (code: number) => {
      send({ exit: code });
      socket.end();
    };
    socket.setEncoding("utf8");
    // The operator pressing Ctrl-C or a closed pipe: the command still finishes (it may be half-way through a
    // write), its output simply goes nowhere.
    socket.on("error", () => undefined);
    socket.on("data", (chunk: string) => {
      if (started) return;
      buffered += chunk;
      const nl = buffered.indexOf("\n");
      if (nl === -1) {
        if (buffered.length > MAX_REQUEST_BYTES) {
          send({ err: "hailong: the request to the service is too large" });
          finish(2);
        }
        return;
      }
      started = true;
      waiting.delete(socket);
      socket.setTimeout(0);
      const request = parseRequest(buffered.slice(0, nl));
      if (!request) {
        send({ err: "hailong: the service did not understand the request (is the CLI the same version as the service?)" });
        return finish(2);
      }
      if (!tokensEqual(request.token, token)) {
        logger.warn("admin endpoint: a command with a wrong token was refused");
        send({ err: `hailong: the service refused the command: the token does not match ${tokenPath}` });
        return finish(1);
      }
      const what = request.argv.slice(0, 2).join(" ");
      const actor = request.env.USER ?? request.env.LOGNAME ?? request.env.USERNAME;
      logger.info({ command: what, operator: actor }, "CLI command run inside the service");
      const io: CliIO = {
        env: request.env,
        cwd: request.cwd,
        out: (line) => send({ out: line }),
        err: (line) => send({ err: line }),
        errTty: request.tty ? { columns: request.tty.columns, write: (s) => send({ tty: s }) } : undefined,
      };
      const job = opts
        .run(request.argv, io)
        .catch((e: unknown) => {
          logger.error({ err: e, command: what }, "CLI command failed inside the service");
          io.err(`hailong ${what} failed inside the service: ${(e as Error)?.message ?? String(e)}`);
          return 1;
        })
        .then(finish);
      running.add(job);
      void job.finally(() => running.delete(job));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  logger.info({ socket: socketPath }, "admin endpoint listening: hailong commands on this data directory run inside the service");

  let closed = false;
  return {
    socketPath,
    async close() {
      if (closed) return;
      closed = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of waiting) s.destroy();
      await Promise.allSettled([...running]);
      await stopped;
      fs.rmSync(socketPath, { force: true });
      fs.rmSync(tokenPath, { force: true });
    },
  };
}
