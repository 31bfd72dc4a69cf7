// Pictures on Zalo: POST /v2.0/oa/upload/image (multipart, PNG/JPEG ≤ 1 MB) → attachment_id, then a media
// template message carrying it, with the text as its caption. Zalo is faked at the fetch boundary and answers
// with the shapes of its documentation (envelope `{data, error, message}`, errors as HTTP 200).
import { beforeEach, describe, expect, it } from "vitest";
import { createZaloChannel } from "../../../src/channels/zalo/channel.ts";
import { createZaloClient, IMAGE_UPLOAD_LIMIT, type ZaloClient } from "../../../src/channels/zalo/client.ts";
import { silentLogger } from "../../../src/logger.ts";
import { APP_ID, USER_ID, fakeClock, memoryCredentialStore, testConfig } from "./helpers.ts";

const ROOT = "http://zalo.test";
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("IHDR fake chart body")]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("JFIF")]);

// Response bodies as Zalo documents them (v2 upload, v3 CS send).
const FIXTURE = {
  token: `{"access_token":"AT-upload-1","refresh_token":"RT-upload-2","expires_in":"90000"}`,
  upload: (id: string) => `{"data":{"attachment_id":"${id}"},"error":0,"message":"Success"}`,
  uploadTooLarge: `{"error":-210,"message":"File size exceeds the limit"}`,
  cs: (id: string) => `{"data":{"message_id":"${id}","user_id":"${USER_ID}"},"error":0,"message":"Success"}`,
  notFollower: `{"error":-213,"message":"User has not followed OA"}`,
};

interface Seen {
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  file?: { name: string; type: string; bytes: Buffer };
  formFields?: string[];
}

function fakeZalo() {
  const seen: Seen[] = [];
  const answers = new Map<string, string[]>();
  let uploads = 0;
  let messages = 0;
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const req = new Request(url, init);
    const path = new URL(url).pathname;
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => (headers[k] = v));
    const s: Seen = { path, headers };
    if (path === "/v2.0/oa/upload/image") {
      const form = await req.formData();
      s.formFields = [];
      form.forEach((_v, k) => s.formFields!.push(k));
      const f = form.get("file") as File;
      s.file = { name: f.name, type: f.type, bytes: Buffer.from(await f.arrayBuffer()) };
    } else if (path !== "/v4/oa/access_token") {
      s.json = await req.json();
    }
    seen.push(s);
    const queued = answers.get(path)?.shift();
    if (queued) return new Response(queued, { status: 200 });
    if (path === "/v4/oa/access_token") return new Response(FIXTURE.token);
    if (path === "/v2.0/oa/upload/image") return new Response(FIXTURE.upload(`att-${++uploads}`));
    return new Response(FIXTURE.cs(`msg-${++messages}`));
  };
  return {
    fetch,
    seen,
    to: (path: string) => seen.filter((s) => s.path === path),
    answerNext: (path: string, body: string) => answers.set(path, [...(answers.get(path) ?? []), body]),
  };
}

describe("Zalo pictures: upload and media message", () => {
  let zalo: ReturnType<typeof fakeZalo>;
  let client: ZaloClient;
  const clock = fakeClock();

  beforeEach(() => {
    zalo = fakeZalo();
    client = createZaloClient({ config: testConfig(ROOT), credentials: memoryCredentialStore(), logger: silentLogger(), fetch: zalo.fetch, now: clock.now });
  });

  it("uploads a PNG as multipart `file` with the access_token header and returns the attachment id", async () => {
    const r = await client.uploadImage(PNG, "sipas-2021.png");
    expect(r).toEqual({ ok: true, data: { attachmentId: "att-1" } });
    const [up] = zalo.to("/v2.0/oa/upload/image");
    expect(up!.headers["access_token"]).toBe("AT-upload-1");
    expect(up!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(up!.formFields).toEqual(["file"]);
    expect(up!.file).toEqual({ name: "sipas-2021.png", type: "image/png", bytes: PNG });
    expect(zalo.to("/v4/oa/access_token")[0]!.headers["secret_key"]).toBeDefined();
  });

  it("accepts JPEG; refuses other bytes and pictures over 1 MB before any request", async () => {
    expect(await client.uploadImage(JPEG, "a.jpg")).toMatchObject({ ok: true });
    expect(zalo.to("/v2.0/oa/upload/image")[0]!.file!.type).toBe("image/jpeg");
    expect(await client.uploadImage(Buffer.from("GIF89a…"), "a.gif")).toMatchObject({ ok: false, failure: "bad-request", retryable: false });
    const big = Buffer.concat([PNG, Buffer.alloc(IMAGE_UPLOAD_LIMIT)]);
    expect(await client.uploadImage(big, "big.png")).toMatchObject({ ok: false, failure: "bad-request", detail: expect.stringContaining("1048576") });
    expect(zalo.to("/v2.0/oa/upload/image")).toHaveLength(1);
  });

  it("a refused upload is a typed failure, not an exception", async () => {
    zalo.answerNext("/v2.0/oa/upload/image", FIXTURE.uploadTooLarge);
    expect(await client.uploadImage(PNG, "x.png")).toMatchObject({ ok: false, failure: "unknown", retryable: false, code: -210 });
  });

  it("channel: a photo with text → one media template message, the text as caption (NFC)", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger() });
    const caption = "Năm 2021, Chỉ số SIPAS của tỉnh Lạng Sơn đạt 87,07 %".normalize("NFD");
    const r = await channel.send({ chatId: USER_ID, text: caption, locale: "vi", photo: { png: PNG, filename: "card.png" } });
    expect(r).toEqual({ ok: true, messageId: "msg-1" });
    const cs = zalo.to("/v3.0/oa/message/cs");
    expect(cs).toHaveLength(1);
    expect(cs[0]!.json).toEqual({
      recipient: { user_id: USER_ID },
      message: {
        text: caption.normalize("NFC"),
        attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: "att-1" }] } },
      },
    });
  });

  it("channel: a photo with buttons → the picture alone, then the text with its buttons", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger() });
    await channel.send({
      chatId: USER_ID,
      text: "Xem trước",
      locale: "vi",
      photo: { png: PNG, filename: "card.png" },
      buttons: [[{ label: "Đồng ý", data: "x:a:ok" }]],
    });
    const cs = zalo.to("/v3.0/oa/message/cs").map((c) => c.json as { message: Record<string, unknown> });
    expect(cs).toHaveLength(2);
    expect(cs[0]!.message).toEqual({
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: "att-1" }] } },
    });
    expect(cs[1]!.message).toEqual({
      text: "Xem trước",
      attachment: { type: "template", payload: { buttons: [{ title: "Đồng ý", type: "oa.query.hide", payload: "#hl:x:a:ok" }] } },
    });
  });

  it("channel: the same picture to many people is uploaded once (concurrently too), again after six days", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger(), now: clock.now });
    const users = ["1001", "1002", "1003", "1004"];
    await Promise.all(users.map((u) => channel.send({ chatId: u, text: "Bản tin", locale: "vi", photo: { png: PNG, filename: "card.png" } })));
    expect(zalo.to("/v2.0/oa/upload/image")).toHaveLength(1);
    const ids = zalo.to("/v3.0/oa/message/cs").map((c) => (c.json as { recipient: { user_id: string } }).recipient.user_id);
    expect(ids.sort()).toEqual(users);
    clock.advance(6 * 86_400_000);
    await channel.send({ chatId: "1001", text: "Bản tin", locale: "vi", photo: { png: PNG, filename: "card.png" } });
    expect(zalo.to("/v2.0/oa/upload/image")).toHaveLength(2);
  });

  it("channel: a refused media message reports the failure kind (not a follower → recipient-stopped)", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger() });
    zalo.answerNext("/v3.0/oa/message/cs", FIXTURE.notFollower);
    const r = await channel.send({ chatId: USER_ID, text: "Bản tin", locale: "vi", photo: { png: PNG, filename: "card.png" } });
    expect(r).toEqual({ ok: false, failure: "recipient-stopped", retryable: false, detail: expect.stringContaining("zalo -213") });
  });

  it("channel: a failed upload sends nothing and is retried on the next send", async () => {
    const channel = createZaloChannel({ client, logger: silentLogger() });
    zalo.answerNext("/v2.0/oa/upload/image", `{"error":-32,"message":"Rate limit"}`);
    expect(await channel.send({ chatId: USER_ID, text: "x", locale: "vi", photo: { png: PNG, filename: "c.png" } })).toMatchObject({
      ok: false,
      failure: "rate-limited",
      retryable: true,
      retryAfterSeconds: 60,
    });
    expect(zalo.to("/v3.0/oa/message/cs")).toHaveLength(0);
    expect(await channel.send({ chatId: USER_ID, text: "x", locale: "vi", photo: { png: PNG, filename: "c.png" } })).toMatchObject({ ok: true });
    expect(zalo.to("/v2.0/oa/upload/image")).toHaveLength(2);
  });

  it("the app id never leaks into the upload (only the OAuth call carries app credentials)", async () => {
    await client.uploadImage(PNG, "x.png");
    const up = zalo.to("/v2.0/oa/upload/image")[0]!;
    expect(JSON.stringify(up.headers)).not.toContain(APP_ID);
  });
});
