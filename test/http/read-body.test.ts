// Request bodies over a real socket, as a caller sends them: with a declared length (refused before a byte
// of an oversized body is read), chunked without one (refused once the count passes the cap), and broken
// off mid-way (refused, and the server goes on serving).
import http from "node:http";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCappedBody } from "../../src/http/read-body.ts";
import { listen } from "../../src/service/listen.ts";

const CAP = 64 * 1024;

describe("readCappedBody over a socket", () => {
  let url: URL;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = new Hono();
    app.post("/", async (c) => {
      const body = await readCappedBody(c, CAP);
      return body.ok ? c.json({ bytes: body.bytes.byteLength, first: body.bytes[0] ?? null }) : c.json({ error: body.reason }, body.reason === "too_large" ? 413 : 400);
    });
    const bound = await listen(app.fetch, 0, "127.0.0.1");
    url = new URL(bound.url);
    close = bound.close;
  });
  afterAll(async () => close?.());

  /** Sends the headers, then `write` decides what follows; resolves with the status and body. */
  function send(headers: http.OutgoingHttpHeaders, write: (req: http.ClientRequest) => void): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: "/", method: "POST", headers }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      write(req);
    });
  }

  it("reads a body of its declared length", async () => {
    const body = Buffer.alloc(CAP, 7);
    const res = await send({ "content-length": body.byteLength }, (req) => req.end(body));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ bytes: CAP, first: 7 });
  });

  it("refuses a declared length over the cap before the body is sent", async () => {
    // Only the headers go out: the answer must come without waiting for the 10 MB announced.
    const res = await send({ "content-length": 10 * 1024 * 1024 }, (req) => req.flushHeaders());
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({ error: "too_large" });
  });

  it("refuses a chunked body once it passes the cap, without waiting for its end", async () => {
    const chunk = Buffer.alloc(16 * 1024, 1);
    let written = 0;
    const res = await send({ "transfer-encoding": "chunked" }, (req) => {
      // Keeps writing until the server answers; the request would otherwise be endless.
      const pump = () => {
        if (req.destroyed || written > 100 * CAP) return;
        written += chunk.byteLength;
        if (req.write(chunk)) setImmediate(pump);
        else req.once("drain", pump);
      };
      req.on("response", () => req.destroy());
      pump();
    });
    expect(res.status).toBe(413);
    expect(written).toBeLessThan(100 * CAP);
  });

  it("reads a chunked body under the cap whole", async () => {
    const res = await send({ "transfer-encoding": "chunked" }, (req) => {
      req.write(Buffer.alloc(1000, 3));
      req.end(Buffer.alloc(2000, 3));
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ bytes: 3000, first: 3 });
  });

  it("goes on serving after a caller broke its body off", async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, path: "/", method: "POST", headers: { "content-length": 5000 } });
      req.on("error", () => resolve());
      req.write(Buffer.alloc(100));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    const res = await send({ "content-length": 2 }, (req) => req.end("{}"));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ bytes: 2, first: 123 });
  });
});
