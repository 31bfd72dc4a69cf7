// Binds the HTTP app and returns its address and a stop that lets calls in progress finish first.
import { serve, type ServerType } from "@hono/node-server";
import type { Server, ServerResponse } from "node:http";

/** How long a stop lets calls in progress (a webhook's answer being stored) finish before cutting them. */
export const DRAIN_MS = 5_000;

export async function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch, port, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const addr = server.address();
  const bound = typeof addr === "object" && addr ? addr.port : port;
  const http = server as unknown as Server;
  // Responses not yet finished, so a stop can have each one's connection closed right after it.
  const busy = new Set<ServerResponse>();
  let closing = false;
  const lastOnConnection = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  http.on("request", (_req, res: ServerResponse) => {
    busy.add(res);
    if (closing) lastOnConnection(res);
    res.once("close", () => {
      busy.delete(res);
      // A keep-alive connection whose answer went out before the header could be set is idle now.
      if (closing) setImmediate(() => http.closeIdleConnections());
    });
  });
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        // No new connections from here. Idle keep-alive ones close now; a busy one after its answer is written
        // (with `Connection: close`, so the caller opens no new request on it); whatever is left, after DRAIN_MS.
        closing = true;
        const cut = setTimeout(() => http.closeAllConnections(), DRAIN_MS);
        cut.unref();
        http.close(() => {
          clearTimeout(cut);
          resolve();
        });
        for (const res of busy) lastOnConnection(res);
        http.closeIdleConnections();
      }),
  };
}
