// `npm run demo` end to end, twice (in process): the files it promises exist and say something real — the
// digest carries the period and the indices' own figures in each language's number format, with the
// citizen's phone number and name removed; the pictures decode at their sizes; the announcement carries
// Lạng Sơn's published 87.07 — and a second run writes exactly the same digest.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIGEST_CHART_SIZE } from "../../src/digest/chart.ts";
import { CHART_SCALE } from "../../src/charts/raster.ts";
import { CARD_MAX_HEIGHT, CARD_WIDTH } from "../../src/charts/result-card.ts";
import { SCRIPTED_COMMENTS } from "../../src/demo/comments.ts";
import { DIGEST_AGENCIES } from "../../src/demo/province.ts";
import { main } from "../../src/demo/main.ts";
import { runDemo, type DemoResult } from "../../src/demo/run.ts";
import { summaryLines } from "../../src/demo/summary.ts";
import { formatPercent } from "../../src/format.ts";
import { decode, inkPixels } from "../charts/pixels.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RUN_TIMEOUT_MS = 240_000;

interface IndicesJson {
  period: { label: string };
  groups: { key: string; n: number; overall: { value: number | null; sufficient: boolean } }[];
}

describe("npm run demo", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "hailong-demo-test-"));
  let first: DemoResult;
  let second: DemoResult;
  const read = (r: DemoResult, name: string) => fs.readFileSync(path.join(r.outDir, name), "utf8");
  const png = (r: DemoResult, name: string) => decode(fs.readFileSync(path.join(r.outDir, name)));

  beforeAll(async () => {
    first = await runDemo({ outDir: path.join(base, "first") });
    second = await runDemo({ outDir: path.join(base, "second") });
  }, 2 * RUN_TIMEOUT_MS);

  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it("is the package's demo script, and says how to use it", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toBe("node --import tsx src/demo/main.ts");
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(["--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("--out DIR");
    expect(await main(["--bogus"], io)).toBe(2);
    expect(err.join("\n")).toContain('unexpected argument "--bogus"');
  });

  it("fails with a clear message and a non-zero status when it cannot write its output", async () => {
    const blocker = path.join(base, "not-a-directory");
    fs.writeFileSync(blocker, "");
    const err: string[] = [];
    expect(await main(["--out", blocker], { out: () => undefined, err: (l) => err.push(l) })).toBe(1);
    expect(err[0]).toMatch(/^demo failed: .*not-a-directory/);
  });

  it("simulated a few hundred citizens, some by walking in, some in English, some coming back after a reminder", () => {
    const s = first.stats;
    expect(s.completed).toBeGreaterThanOrEqual(200);
    expect(s.walkIns).toBeGreaterThan(0);
    expect(s.english).toBeGreaterThan(0);
    expect(s.skips).toBeGreaterThan(0);
    expect(s.comments).toBeGreaterThan(0);
    expect(s.remindersSent).toBeGreaterThan(0);
    expect(s.returned).toBeGreaterThan(0);
  });

  it("writes every promised file, non-trivial, lists each in its summary, and removes its temporary database", () => {
    const names = first.files.map((f) => path.basename(f.path)).sort();
    expect(names).toEqual(
      [
        "alert.en.txt",
        "alert.vi.txt",
        "announcement.en.png",
        "announcement.en.txt",
        "announcement.vi.png",
        "announcement.vi.txt",
        "announcement-series.en.png",
        "announcement-series.en.txt",
        "announcement-series.vi.png",
        "announcement-series.vi.txt",
        "announcement-subindices.en.png",
        "announcement-subindices.en.txt",
        "announcement-subindices.vi.png",
        "announcement-subindices.vi.txt",
        "chat.en.txt",
        "chat.vi.txt",
        "complaint.vi.txt",
        "digest.en.png",
        "digest.en.txt",
        "digest.vi.png",
        "digest.vi.txt",
        "indices.en.txt",
        "indices.json",
        "indices.vi.txt",
        "site-overview.vi.html",
        "site-overview.en.html",
        "site-data.vi.html",
        "site-indices.csv",
        "site.css",
        ...DIGEST_AGENCIES.flatMap((code) => [`site-agency-${code}.vi.html`, `site-agency-${code}.en.html`]),
      ].sort(),
    );
    const summary = summaryLines(first).join("\n");
    for (const f of first.files) {
      expect(fs.statSync(f.path).size).toBe(f.bytes);
      expect(f.bytes).toBeGreaterThan(200);
      expect(summary).toContain(path.basename(f.path));
    }
    expect(fs.existsSync(first.dataDir)).toBe(false);
  });

  it("writes indices with responses in the digest's week", () => {
    const json = JSON.parse(read(first, "indices.json")) as IndicesJson;
    expect(json.period.label).toBe("2026-W47");
    const province = json.groups.find((g) => g.key === "LSN")!;
    expect(province.n).toBeGreaterThan(0);
    expect(province.overall.sufficient).toBe(true);
    expect(read(first, "indices.vi.txt")).toContain("UBND tỉnh Lạng Sơn");
    expect(read(first, "indices.en.txt")).toContain("Lạng Sơn Provincial People's Committee");
  });

  it("writes one alert between digests, in each official's language, saying what is under which threshold with n and what to do", () => {
    const vi = read(first, "alert.vi.txt");
    const en = read(first, "alert.en.txt");
    expect(vi).toMatch(/^⚠️ Cảnh báo: Chỉ số hài lòng chung của UBND tỉnh Lạng Sơn dưới ngưỡng/);
    expect(vi).toMatch(/Tháng này \(2026-11, đến nay\): \d+,\d\d %, n = [\d.]+, dưới ngưỡng 95,00 %/);
    expect(vi).toContain("/digest");
    expect(en).toMatch(/^⚠️ Alert: The overall index of Lạng Sơn Provincial People's Committee is under your threshold/);
    expect(en).toMatch(/This month \(2026-11, so far\): \d+\.\d\d%, n = [\d,]+, under your threshold of 95\.00%/);
    expect(read(second, "alert.vi.txt")).toBe(vi);
  });

  it("writes one answered complaint: the offer after a low score, the problem, the official's reply and the resolution in the citizen's chat", () => {
    const text = read(first, "complaint.vi.txt");
    expect(text).toContain("Ông/Bà đã chấm điểm thấp");
    expect(text).toContain("» (taps) ✍️ Mô tả vấn đề");
    expect(text).toContain("📮 Phản ánh mới của người dân");
    expect(text).toContain("✅ Đã gửi câu trả lời cho phản ánh <id> tới người dân.");
    expect(text).toContain("💬 Sở Tư pháp tỉnh Lạng Sơn trả lời phản ánh của Ông/Bà:");
    expect(text).toContain("✅ Sở Tư pháp tỉnh Lạng Sơn đã xử lý xong phản ánh của Ông/Bà.");
    expect(read(second, "complaint.vi.txt")).toBe(text);
  });

  it("writes the digest with the period and the indices' figures in each language's number format", () => {
    const json = JSON.parse(read(first, "indices.json")) as IndicesJson;
    const overall = json.groups.find((g) => g.key === "LSN")!.overall.value!;
    const vi = read(first, "digest.vi.txt");
    const en = read(first, "digest.en.txt");
    expect(vi).toContain("Kỳ 2026-W47: 16/11/2026 – 22/11/2026");
    expect(en).toContain("Period 2026-W47: 16 Nov 2026 – 22 Nov 2026");
    expect(vi).toContain(formatPercent(overall, "vi"));
    expect(en).toContain(formatPercent(overall, "en"));
    expect(formatPercent(overall, "vi")).toMatch(/^\d+,\d\d %$/);
    expect(formatPercent(overall, "en")).toMatch(/^\d+\.\d\d%$/);
    // The small commune stays below the minimum: said plainly instead of a number.
    expect(vi).toContain("UBND xã Đồng Đăng");
    expect(vi).toContain("chưa đủ câu trả lời");
    expect(en).toContain("not enough answers yet");
  });

  it("shows recent comments without the phone number or the name a citizen gave", () => {
    const digits = SCRIPTED_COMMENTS.phoneDigits.replace(/\D/g, "");
    for (const [locale, mask] of [
      ["vi", "[số điện thoại]"],
      ["en", "[phone]"],
    ] as const) {
      const text = read(first, `digest.${locale}.txt`);
      expect(text).toContain(mask);
      expect(text.replace(/\D/g, "")).not.toContain(digits);
      expect(text).not.toMatch(/(?:\+84|0)(?:[ .-]?\d){9,10}/);
      expect(text).not.toContain(SCRIPTED_COMMENTS.personName);
    }
  });

  it("draws the digest chart and the announcement card at their sizes", () => {
    for (const locale of ["vi", "en"]) {
      const digest = png(first, `digest.${locale}.png`);
      expect([digest.width, digest.height]).toEqual([DIGEST_CHART_SIZE.width * CHART_SCALE, DIGEST_CHART_SIZE.height * CHART_SCALE]);
      expect(inkPixels(digest)).toBeGreaterThan(50_000);
      for (const name of ["announcement", "announcement-subindices", "announcement-series"]) {
        const card = png(first, `${name}.${locale}.png`);
        expect(card.width).toBe(CARD_WIDTH * CHART_SCALE);
        expect(card.height).toBeLessThanOrEqual(CARD_MAX_HEIGHT * CHART_SCALE);
        expect(inkPixels(card)).toBeGreaterThan(30_000);
      }
    }
  });

  it("drafts the announcement from Lạng Sơn's published PAR INDEX and SIPAS 2021, as the province's report gives them", () => {
    const vi = read(first, "announcement.vi.txt");
    const en = read(first, "announcement.en.txt");
    for (const s of ["87,11 %, xếp hạng 23/63", "tăng 3,31 và tăng 13 bậc so với năm 2020", "cao nhất từ khi có chỉ số này", "5 lĩnh vực tăng điểm", "87,07 %, xếp hạng 31/63", "tăng 3,1 và tăng 8 bậc", "3 chỉ số giảm cả điểm số và thứ hạng, 1 chỉ số tăng", "Khảo sát 400 phiếu trên tổng số 3.366 người", "87,16 %"]) {
      expect(vi).toContain(s);
    }
    for (const s of ["87.11%, ranking 23rd of 63", "up 3.31 and up 13 places from 2020", "the highest since the index began", "5 rose", "87.07%, ranking 31st of 63", "up 3.1 and up 8 places", "3 fell in both score and rank, 1 rose", "Survey of 400 questionnaires among 3,366 people", "87.16%"]) {
      expect(en).toContain(s);
    }
    // The other two: the five elements listed (the card draws them as bars), and a record the series shows.
    expect(read(first, "announcement-subindices.en.txt")).toContain("Sub-indices: Access to services 83.00%;");
    expect(read(first, "announcement-series.vi.txt")).toContain("là kết quả cao nhất từ năm 2018 đến nay");
  });

  it("lets a newcomer read a citizen's chat in each language", () => {
    expect(read(first, "chat.vi.txt")).toContain("Câu 1/8");
    expect(read(first, "chat.en.txt")).toContain("Question 1/8");
  });

  it("writes the public site's pages as served: both languages, the official results, the open data", () => {
    const vi = read(first, "site-overview.vi.html");
    const en = read(first, "site-overview.en.html");
    expect(vi).toContain('lang="vi"');
    expect(en).toContain('lang="en"');
    // The registry's Lạng Sơn 2021 figures, each in its language's style.
    expect(vi).toContain("87,07");
    expect(en).toContain("87.07");
    for (const code of DIGEST_AGENCIES) expect(read(first, `site-agency-${code}.vi.html`)).toContain("Năm yếu tố");
    expect(read(first, "site-indices.csv").split("\n")[0]).toContain("agency_code");
  });

  it("is deterministic: a second run writes the same digest and indices", () => {
    for (const name of ["digest.vi.txt", "digest.en.txt", "indices.json", "indices.vi.txt"]) {
      expect(read(second, name), name).toBe(read(first, name));
    }
    expect(second.stats).toEqual(first.stats);
  });
});
