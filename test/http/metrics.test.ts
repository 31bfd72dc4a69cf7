// GET /metrics of a running service on both databases: a survey tapped through Telegram shows up in the
// counters and histograms, the outbox backlog and its age are read from the store at scrape time (on the
// service's clock), the pool is reported, labels carry route templates and never a token, and METRICS_TOKEN
// or, without it, the loopback rule guards the endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMINDER_KIND } from "../../src/invitations/reminders.ts";
import { databaseKinds } from "../helpers/databases.ts";
import { startHarness, type Harness, type TelegramUser } from "../helpers/telegram-harness.ts";
import { scrape, sampleValue } from "./metrics-helpers.ts";

const KEY = "test-key-0123456789abcdef";
const METRICS_TOKEN = "metrics-token-0123456789";
const auth = { authorization: `Bearer ${METRICS_TOKEN}` };

describe.each(await databaseKinds())("/metrics on %s", (kind) => {
  let h: Harness;
  let seq = 0;
  beforeAll(async () => {
    h = await startHarness({ kind, env: { METRICS_TOKEN } });
  });
  afterAll(async () => h?.stop());

  async function invite(): Promise<string> {
    const res = await h.service.http.request("/api/v1/dossiers", {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ dossierCode: `HS-M-${kind}-${++seq}`, agencyCode: "UBND-XA-M", agencyName: "UBND xã Minh Khai", completedAt: "2026-11-26T10:00:00+07:00" }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  }

  async function finish(u: TelegramUser) {
    for (const s of ["5", "4", "4", "4", "4", "4"]) await u.tap(s);
    await u.tap("Bỏ qua");
    await u.tap("Bỏ qua");
  }

  it("asks for METRICS_TOKEN when one is set", async () => {
    expect((await h.service.http.request("/metrics")).status).toBe(401);
    expect((await h.service.http.request("/metrics", { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    const res = await h.service.http.request("/metrics", { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("counts surveys started and completed and every answer stored, as the database has them", async () => {
    const before = (await scrape(h.service.http, auth)).samples;
    expect(sampleValue(before, "hailong_surveys_started_total", { channel: "telegram" })).toBe(0);
    expect(sampleValue(before, "hailong_answers_stored_total", { channel: "zalo" })).toBe(0);

    const done = h.user(5101);
    await done.command(`/start ${await invite()}`);
    await finish(done);
    const halfway = h.user(5102);
    await halfway.command(`/start ${await invite()}`);
    await halfway.tap("3");

    const { samples, text } = await scrape(h.service.http, auth);
    expect(sampleValue(samples, "hailong_surveys_started_total", { channel: "telegram" })).toBe(2);
    expect(sampleValue(samples, "hailong_surveys_completed_total", { channel: "telegram" })).toBe(1);
    expect(sampleValue(samples, "hailong_answers_stored_total", { channel: "telegram" })).toBe(await h.service.db.prisma.answer.count());
    expect(await h.service.db.prisma.answer.count()).toBe(9);
    // Every update fed to the bot was timed (the two /start commands and the 9 taps).
    expect(sampleValue(samples, "hailong_update_duration_seconds_count", { channel: "telegram", outcome: "ok" })).toBe(11);
    // The invitations were created over HTTP: a latency sample under the route template.
    expect(sampleValue(samples, "hailong_http_request_duration_seconds_count", { method: "POST", route: "/api/v1/dossiers", status: "201" })).toBe(2);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain("process_resident_memory_bytes");
  });

  it("labels requests by route template, so a token in the path never becomes a label", async () => {
    const token = await invite();
    expect((await h.service.http.request(`/i/${token}`)).status).toBe(200);
    expect((await h.service.http.request(`/api/v1/invitations/${token}/qr.svg`, { headers: { authorization: `Bearer ${KEY}` } })).status).toBe(200);
    expect((await h.service.http.request(`/no/such/${token}`)).status).toBe(404);
    const { samples, text } = await scrape(h.service.http, auth);
    expect(text).not.toContain(token);
    expect(sampleValue(samples, "hailong_http_request_duration_seconds_count", { method: "GET", route: "/i/:token", status: "200" })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, "hailong_http_request_duration_seconds_count", { route: "/api/v1/invitations/:token/qr.svg", status: "200" })).toBe(1);
    expect(sampleValue(samples, "hailong_http_request_duration_seconds_count", { route: "(unmatched)", status: "404" })).toBeGreaterThanOrEqual(1);
  });

  it("reads the outbox backlog and the age of its oldest due job from the store, on the service's clock", async () => {
    const pending = await h.service.db.prisma.outboxJob.count({ where: { status: "pending", kind: REMINDER_KIND } });
    // The surveys above each planned their one reminder, 24 hours after they started.
    expect(pending).toBeGreaterThanOrEqual(2);
    let { samples } = await scrape(h.service.http, auth);
    expect(sampleValue(samples, "hailong_outbox_jobs_pending", { kind: REMINDER_KIND })).toBe(pending);
    expect(sampleValue(samples, "hailong_outbox_jobs_due", { kind: REMINDER_KIND })).toBe(0);
    expect(sampleValue(samples, "hailong_outbox_oldest_due_age_seconds", { kind: REMINDER_KIND })).toBeUndefined();

    const startedAt = h.clock.now;
    h.clock.now = new Date(startedAt.getTime() + 25 * 3_600_000);
    try {
      ({ samples } = await scrape(h.service.http, auth));
      expect(sampleValue(samples, "hailong_outbox_jobs_due", { kind: REMINDER_KIND })).toBe(pending);
      expect(sampleValue(samples, "hailong_outbox_oldest_due_age_seconds", { kind: REMINDER_KIND })).toBe(3600);
    } finally {
      h.clock.now = startedAt;
    }
  });

  it("reports the database connections", async () => {
    const { samples } = await scrape(h.service.http, auth);
    const total = sampleValue(samples, "hailong_db_pool_connections", { state: "total" });
    const idle = sampleValue(samples, "hailong_db_pool_connections", { state: "idle" });
    if (kind === "embedded") expect(total).toBe(1);
    else expect(total).toBeGreaterThanOrEqual(1);
    expect(idle).toBeLessThanOrEqual(total!);
    expect(sampleValue(samples, "hailong_db_pool_waiting")).toBe(0);
  });
});
