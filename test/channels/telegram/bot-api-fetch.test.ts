// The bot's own HTTP client against a real server on loopback: what grammY needs of it (a JSON answer, a
// photo's multipart stream) and what a failing Bot API does to it (an HTML 502, a hang, a flood).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botApiFetch } from "../../../src/channels/telegram/bot-api-fetch.ts";

describe("botApiFetch", () => {
  let server: http.Server;
  let root: string;
  const seen: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        seen.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        if (req.url?.endsWith("/sendMessage")) return void res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":{"message_id":7}}');
        if (req.url?.endsWith("/proxyDown")) return void res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
        if (req.url?.endsWith("/hang")) return; // never answers
        if (req.url?.endsWith("/flood")) {
          res.writeHead(200);
          const mb = Buffer.alloc(1024 * 1024, 120);
          for (let i = 0; i < 10; i++) res.write(mb);
          return void res.end();
        }
        res.writeHead(404).end('{"ok":false,"error_code":404,"description":"Not Found"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/botTOKEN`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("POSTs grammY's JSON body with its length and hands back the parsed answer", async () => {
    const body = JSON.stringify({ chat_id: 1, text: "Câu 1/8 · Tiếp cận dịch vụ" });
    const res = await botApiFetch(`${root}/sendMessage`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, result: { message_id: 7 } });
    const got = seen.at(-1)!;
    expect(got.body).toBe(body);
    expect(Number(got.headers["content-length"])).toBe(Buffer.byteLength(body));
  });

  it("streams a multipart body (a photo) through", async () => {
    const parts = ["--b\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n1\r\n", "--b--\r\n"];
    const res = await botApiFetch(`${root}/sendMessage`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=b" }, body: Readable.from(parts) });
    expect(res.ok).toBe(true);
    expect(seen.at(-1)!.body).toBe(parts.join(""));
  });

  it("a proxy's HTML 502 is an answer whose json() rejects (grammY reports it as an HttpError, kept for later)", async () => {
    const res = await botApiFetch(`${root}/proxyDown`, { body: "{}" });
    expect(res.status).toBe(502);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it("a hanging call ends when its signal aborts, and an aborted signal sends nothing", async () => {
    const abort = new AbortController();
    const started = performance.now();
    setTimeout(() => abort.abort(), 100);
    await expect(botApiFetch(`${root}/hang`, { body: "{}", signal: abort.signal })).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(5_000);
    const before = seen.length;
    await expect(botApiFetch(`${root}/sendMessage`, { body: "{}", signal: AbortSignal.abort() })).rejects.toThrow();
    expect(seen.length).toBe(before);
  });

  it("refuses an answer far bigger than any Bot API answer instead of holding it in memory", async () => {
    await expect(botApiFetch(`${root}/flood`, { body: "{}" })).rejects.toThrow(/more than/);
  });

  it("an unreachable Bot API rejects (connection refused)", async () => {
    await expect(botApiFetch("http://127.0.0.1:9/botTOKEN/sendMessage", { body: "{}" })).rejects.toThrow(/ECONNREFUSED/);
  });
});
