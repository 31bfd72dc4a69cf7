// The public results site over HTTP, on both database engines: pages, languages, headers, open data,
// charts, min-n suppression, no personal data, conditional GET and cache invalidation.
import { createStores } from "../../src/store/stores.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/http/pages/html.ts";
import { createPublicSite } from "../../src/http/site/routes.ts";
import { CHECK_INTERVAL_MS } from "../../src/http/site/snapshot-cache.ts";
import { createTranslator } from "../../src/i18n.ts";
import { silentLogger } from "../../src/logger.ts";
import { startService } from "../../src/main.ts";
import { testClock, type TestClock } from "../helpers/clock.ts";
import { databaseKinds, openTestDatabase, tempDir, type TestDatabase } from "../helpers/databases.ts";
import { COMMENT, DRAFT_TEXT, PROVINCE, PUBLISHED_EN, PUBLISHED_VI, SMALL, STP, TZ, seedSite, topUpSmall, type SiteData } from "./site-helpers.ts";

const t = createTranslator();
const MIN_N = 30;

const INDICES_HEADER =
  "agency_code,agency_name_vi,agency_name_en,parent_code,period,first_day,last_day,finished,responses,sufficient,index,index_low,index_high," +
  "access,access_low,access_high,procedures,procedures_low,procedures_high,civil_servants,civil_servants_low,civil_servants_high," +
  "results,results_low,results_high,feedback,feedback_low,feedback_high,invited,completed,response_rate";

function parseCsv(text: string): Record<string, string>[] {
  const [header = "", ...lines] = text.trimEnd().split("\r\n");
  const cols = header.split(",");
  // The test data has no quoted commas except in names, which the rows below never look at past.
  return lines.map((l) => {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of l) {
      if (ch === '"') quoted = !quoted;
      else if (ch === "," && !quoted) {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? ""]));
  });
}

describe.each(await databaseKinds())("public results site (%s)", (kind) => {
  let tdb: TestDatabase;
  let clock: TestClock;
  let data: SiteData;
  let app: ReturnType<typeof createPublicSite>;
  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

  beforeAll(async () => {
    tdb = await openTestDatabase(kind);
    clock = testClock();
    data = await seedSite(tdb.db, clock.now());
    app = createPublicSite({ db: tdb.db, stores: createStores(tdb.db, clock.now), t, now: clock.now, timeZone: TZ, minN: MIN_N, logger: silentLogger() });
  }, 60_000);
  afterAll(async () => tdb?.dispose());

  it("serves the province overview in Vietnamese at / and /results, with a strict CSP and no script", async () => {
    for (const path of ["/", "/results"]) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("script-src");
      expect(res.headers.get("cache-control")).toBe("public, max-age=60");
      expect(res.headers.get("etag")).toMatch(/^"[\w-]+"$/);
      const body = await res.text();
      expect(body).toContain('<html lang="vi">');
      expect(body).not.toMatch(/<script|style=| on\w+=/i);
      expect(body).toContain("tỉnh Lạng Sơn");
      // The province's centre: STP's 35 and the commune's 5 answers, 35 of 40 satisfied on every element.
      expect(body).toContain("87,50 %");
      expect(body).toContain(`/results/agencies/${encodeURIComponent(SMALL.code)}?lang=vi`);
      // Official results from the registry: SIPAS 2021 87,07 % 31/63, PAR INDEX 2021 87,11 % 23/63 (B).
      expect(body).toContain("87,07 %");
      expect(body).toContain("hạng 31/63");
      expect(body).toContain("87,11 %");
      // With the places moved since 2020 as the report states them, and what is held on the sub-indices.
      expect(body).toContain("tăng 8 bậc");
      expect(body).toContain("tăng 13 bậc");
      expect(body).toContain("<strong>2021 · SIPAS</strong>: Trong 5 chỉ số thành phần, 3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng cả điểm số và thứ hạng.");
      expect(body).toContain("<strong>2021 · PAR INDEX</strong>: Trong 8 lĩnh vực, 5 lĩnh vực tăng điểm, trong đó có Cải cách thủ tục hành chính");
      expect(body).toContain(PUBLISHED_VI);
      expect(body).not.toContain(DRAFT_TEXT);
      expect(body).not.toContain(COMMENT);
      expect(body).not.toContain("0912345678");
    }
  });

  it("speaks English on ?lang=en and on Accept-Language, Vietnamese when the browser prefers it", async () => {
    const byQuery = await (await get("/?lang=en")).text();
    expect(byQuery).toContain('<html lang="en">');
    expect(byQuery).toContain("Lang Son Public Administration Service Centre");
    expect(byQuery).toContain("87.50%");
    expect(byQuery).toContain(PUBLISHED_EN);
    expect(byQuery).toContain("rank 31/63");
    expect(byQuery).toContain("up 8 places");
    expect(byQuery).toContain("Of the 5 sub-indices, 3 fell in both score and rank");
    const byHeader = await (await get("/", { "accept-language": "en-GB,en;q=0.9" })).text();
    expect(byHeader).toContain('<html lang="en">');
    const vi = await (await get("/", { "accept-language": "vi-VN,vi;q=0.9,en;q=0.8" })).text();
    expect(vi).toContain('<html lang="vi">');
    expect((await get("/")).headers.get("vary")).toContain("Accept-Language");
  });

  it("shows an agency with its index, interval, n, elements, trend and response rate", async () => {
    const res = await get(`/results/agencies/${STP.code}?lang=vi`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(STP.vi);
    expect(body).toContain("85,71 %");
    expect(body).toContain("35 phiếu");
    expect(body).toContain("Khoảng tin cậy 95 %");
    for (const e of ["access", "procedures", "civil_servants", "results", "feedback"]) expect(body).toContain(t("vi", `element.${e}`));
    expect(body).toContain("+85,71 điểm");
    expect(body).toContain("35/40 lời mời");
    expect(body).toContain("87,5 %");
    expect(body).toContain(`/results/charts/${STP.code}.svg?lang=vi`);
    expect(body).not.toContain(COMMENT);
  });

  it("never shows a figure under min-n: the page says not enough answers yet", async () => {
    const res = await get(`/results/agencies/${encodeURIComponent(SMALL.code)}?lang=en`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(escapeHtml(SMALL.en));
    expect(body).toContain("Not enough answers yet (5; at least 30 needed)");
    expect(body).not.toContain('class="value"');
    expect(body).not.toContain("<meter");
    // 5 answers all 4: a figure would read 100.00%.
    expect(body).not.toContain("100.00%");
  });

  it("publishes the same figures as CSV with stable columns, empty where withheld", async () => {
    const res = await get("/results/data/indices.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe(INDICES_HEADER);
    const rows = parseCsv(text);
    expect(rows).toHaveLength(3 * 4);
    const label = rows.find((r) => r.agency_code === STP.code && r.responses === "35")?.period;
    expect(label).toMatch(/^\d{4}-Q[1-4]$/);
    const stp = rows.find((r) => r.agency_code === STP.code && r.period === label)!;
    expect(stp).toMatchObject({ index: "85.71", access: "85.71", feedback: "85.71", sufficient: "true", invited: "40", completed: "35", response_rate: "87.5", parent_code: PROVINCE.code });
    expect(Number(stp.index_low)).toBeLessThanOrEqual(85.71);
    expect(Number(stp.index_high)).toBeGreaterThanOrEqual(85.71);
    expect(stp.first_day).toBe(data.current.firstDay);
    const small = rows.find((r) => r.agency_code === SMALL.code && r.period === label)!;
    expect(small).toMatchObject({ responses: "5", sufficient: "false", index: "", index_low: "", access: "", feedback_high: "", response_rate: "" });
    expect(text).not.toContain(COMMENT);
  });

  it("publishes JSON for everything and per agency, and the official results as CSV and JSON", async () => {
    const all = await get("/results/data/indices.json");
    expect(all.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const json = (await all.json()) as { minN: number; agencies: { code: string; periods: { responses: number; index: { value: number | null } }[] }[] };
    expect(json.minN).toBe(30);
    expect(json.agencies.map((a) => a.code)).toEqual([PROVINCE.code, STP.code, SMALL.code]);
    const one = await get(`/results/data/agencies/${encodeURIComponent(SMALL.code)}.json`);
    expect(one.status).toBe(200);
    const small = (await one.json()) as typeof json;
    expect(small.agencies).toHaveLength(1);
    expect(small.agencies[0]!.periods.at(-1)).toMatchObject({ responses: 5, index: { value: null } });
    const csv = await get(`/results/data/agencies/${STP.code}.csv`);
    expect(parseCsv(await csv.text()).every((r) => r.agency_code === STP.code)).toBe(true);
    const official = parseCsv(await (await get("/results/data/official-results.csv")).text());
    // With what the source stated beside the figure (Lạng Sơn's 2021 SIPAS: up 3.1 and 8 places, 400 of 3,366 people).
    expect(official.find((r) => r.index_code === "SIPAS" && r.year === "2021")).toMatchObject({
      unit_code: "20", value: "87.07", rank: "31", rank_of: "63", value_change: "3.1", rank_change: "8", sample_size: "400", sample_frame: "3366",
    });
    const oj = (await (await get("/results/data/official-results.json")).json()) as { unit: { code: string }; results: { indexCode: string; year: number; grade: string | null }[] };
    expect(oj.unit.code).toBe("20");
    expect(oj.results.find((r) => r.indexCode === "PAR_INDEX" && r.year === 2021)?.grade).toBe("B");
    const dict = await (await get("/results/data?lang=en")).text();
    expect(dict).toContain("Data dictionary");
    expect(dict).toContain("response_rate");
  });

  it("draws the trend as SVG and PNG", async () => {
    const svg = await get(`/results/charts/${STP.code}.svg?lang=en`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    const text = await svg.text();
    expect(text).toMatch(/^<svg/);
    expect(text).toContain("85.7%");
    const png = await get(`/results/charts/${encodeURIComponent(SMALL.code)}.png`);
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
  });

  it("answers 304 to a matching If-None-Match, and 404 with a page for an unknown agency", async () => {
    const first = await get("/results/data/indices.csv");
    const etag = first.headers.get("etag")!;
    const again = await get("/results/data/indices.csv", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const missing = await get("/results/agencies/NOPE");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await missing.text()).toContain(t("vi", "site.not_found_title"));
    expect((await get("/results/data/agencies/NOPE.csv")).status).toBe(404);
    expect((await get("/results/nothing-here")).status).toBe(404);
  });

  it("shows new answers once the data changed and the check interval passed", async () => {
    const before = await (await get(`/results/agencies/${encodeURIComponent(SMALL.code)}`)).text();
    expect(before).toContain("Chưa đủ số phiếu");
    await topUpSmall(tdb.db, data);
    clock.advance(CHECK_INTERVAL_MS + 1);
    const after = await (await get(`/results/agencies/${encodeURIComponent(SMALL.code)}`)).text();
    expect(after).toContain("100,00 %");
    expect(after).toContain("35 phiếu");
  });
});

describe("the running service", () => {
  let service: Awaited<ReturnType<typeof startService>> | undefined;
  afterAll(async () => service?.stop());

  it("serves the public site at / from src/main.ts", async () => {
    const clock = testClock();
    service = await startService({ env: { HAILONG_DATA_DIR: tempDir(), LOG_LEVEL: "silent" }, now: clock.now, listen: false, logger: silentLogger() });
    const res = await service.http.request("/?lang=en");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(t("en", "site.name"));
    const css = await service.http.request("/results/site.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  }, 60_000);
});
