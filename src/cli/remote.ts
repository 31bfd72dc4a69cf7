// The CLI's side of the service's admin endpoint (src/service/admin-endpoint.ts): when a running service
// holds the embedded database, a command is sent to it instead of failing on the lock.
import fs from "node:fs";
import net from "node:net";
import {
  adminSocketPath,
  adminTokenPath,
  OPERATOR_ENV,
  type AdminReply,
  type AdminRequest,
} from "../service/admin-protocol.ts";
import { cliOperator, type CliIO } from "./command.ts";

export interface RunningService {
  /** Sends the command line and relays what it prints; resolves with its exit code. */
  run(argv: string[], io: CliIO): Promise<number>;
  /** Hangs up without sending anything. */
  close(): void;
}

export class ServiceUnreachable extends Error {
  override name = "ServiceUnreachable";
}

/**
 * The service serving `dataDir`, if one answers on its socket. No socket, or one left by a service that died
 * (nobody accepts on it), means no service: the command then runs here and the data directory's lock decides.
 */
export async function connectToService(dataDir: string): Promise<RunningService | undefined> {
  const socketPath = adminSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return undefined;
  const socket = await new Promise<net.Socket | NodeJS.ErrnoException>((resolve) => {
    const s = net.connect(socketPath);
    s.once("connect", () => resolve(s));
    s.once("error", (e) => resolve(e));
  });
  if (!(socket instanceof net.Socket)) {
    if (socket.code === "EACCES" || socket.code === "EPERM") {
      throw new ServiceUnreachable(
        `A hailong service is running on ${dataDir}, but ${socketPath} is not open to this account: run the command as the user that runs the service.`,
      );
    }
    return undefined;
  }
  let token: string;
  try {
    token = fs.readFileSync(adminTokenPath(dataDir), "utf8").trim();
  } catch (e) {
    socket.destroy();
    throw new ServiceUnreachable(
      `A hailong service is running on ${dataDir}, but its token ${adminTokenPath(dataDir)} cannot be read ` +
        `(${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): run the command as the user that runs the service.`,
    );
  }
  return {
    close: () => socket.destroy(),
    run: (argv, io) => relay(socket, token, argv, io),
  };
}

function relay(socket: net.Socket, token: string, argv: string[], io: CliIO): Promise<number> {
  const env: AdminRequest["env"] = {};
  for (const k of OPERATOR_ENV) {
    const v = io.env[k];
    if (v !== undefined) env[k] = v;
  }
  // The service would otherwise name its own account in the audit log, not the operator's.
  if (!env.USER && !env.LOGNAME && !env.USERNAME) env.USER = cliOperator(io.env).slice("cli:".length);
  const request: AdminRequest = {
    token,
    argv,
    cwd: io.cwd ?? process.cwd(),
    env,
    tty: io.errTty ? { columns: io.errTty.columns } : null,
  };
  return new Promise((resolve) => {
    let buffered = "";
    let exit: number | undefined;
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf("\n")) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let reply: AdminReply;
        try {
          reply = JSON.parse(line) as AdminReply;
        } catch {
          continue;
        }
        if ("out" in reply) io.out(reply.out);
        else if ("err" in reply) io.err(reply.err);
        else if ("tty" in reply) io.errTty?.write(reply.tty);
        else if ("exit" in reply) exit = reply.exit;
      }
    });
    socket.once("error", () => undefined);
    socket.once("close", () => {
      if (exit === undefined) {
        io.err("hailong: the service closed the connection before the command finished (did it stop?); check its log, and whether the command's changes landed");
        resolve(1);
      } else resolve(exit);
    });
    socket.write(`${JSON.stringify(request)}\n`);
  });
}
