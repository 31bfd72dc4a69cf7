// GET /api/v1/invitations/{token}/qr.png|svg: the printed code decodes to the invitation's landing page.
import { Resvg } from "@resvg/resvg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKinds } from "../helpers/databases.ts";
import { decodeQr } from "../helpers/qr.ts";
import type { Harness } from "../helpers/telegram-harness.ts";
import { API_KEY, PUBLIC_BASE_URL, TRICKY_AGENCY, createInvitation, startPagesHarness } from "./invitation-pages-helpers.ts";

describe.each(await databaseKinds())("QR code of an invitation (%s)", (kind) => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startPagesHarness(kind);
    ({ token } = await createInvitation(h, "000.00.20.H33-261127-0001"));
  });
  afterAll(async () => h?.stop());

  const get = (path: string, key: string | null = API_KEY) =>
    h.service.http.request(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });

  it("serves a PNG for a 58 mm printer that decodes to the landing page URL", async () => {
    const res = await get(`/api/v1/invitations/${token}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const qr = decodeQr(Buffer.from(await res.arrayBuffer()));
    expect(qr.text).toBe(`${PUBLIC_BASE_URL}/i/${token}`);
    expect(qr.width).toBe(384);
    expect(qr.height).toBeGreaterThan(qr.width);
  });

  it("serves a wider PNG for 80 mm paper, still decodable", async () => {
    const res = await get(`/api/v1/invitations/${token}/qr.png?size=80`);
    const qr = decodeQr(Buffer.from(await res.arrayBuffer()));
    expect(qr.width).toBe(576);
    expect(qr.text).toBe(`${PUBLIC_BASE_URL}/i/${token}`);
  });

  it("serves a well-formed SVG naming the agency (escaped) that renders to the same code", async () => {
    const res = await get(`/api/v1/invitations/${token}/qr.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="384" height="\d+" viewBox="0 0 384 \d+">/);
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&#60;b&#62;Lạng");
    expect(svg).toContain(">Quét để đánh giá");
    expect(svg).toContain("Scan to rate<");
    // resvg refuses malformed XML, so rendering it is the validity check.
    const png = new Resvg(svg, { font: { loadSystemFonts: false } }).render().asPng();
    expect(decodeQr(png).text).toBe(`${PUBLIC_BASE_URL}/i/${token}`);
    expect(TRICKY_AGENCY).toContain("<b>");
  });

  it.each([
    { name: "unknown token", t: "AAAAAAAAAAAAAAAAAAAAAA", status: 404, error: "not_found" },
    { name: "not a token at all", t: "..%2F..%2Fetc", status: 404, error: "not_found" },
  ])("$name → $status JSON", async ({ t, status, error }) => {
    const res = await get(`/api/v1/invitations/${t}/qr.png`);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(error);
  });

  it("refuses a paper size it does not know (422)", async () => {
    const res = await get(`/api/v1/invitations/${token}/qr.png?size=100`);
    expect(res.status).toBe(422);
  });

  it("needs the API key (401)", async () => {
    expect((await get(`/api/v1/invitations/${token}/qr.png`, null)).status).toBe(401);
    expect((await get(`/api/v1/invitations/${token}/qr.svg`, "wrong-key-0123456789")).status).toBe(401);
  });
});
