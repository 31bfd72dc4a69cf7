// Reads a JSON body with a size cap, turning every way it can be wrong into a clear 4xx.
import type { Context } from "hono";
import type { z } from "zod";
import { readCappedBody } from "./read-body.ts";

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes: number): Promise<BodyResult<z.infer<S>>> {
  const body = await readCappedBody(c, maxBytes);
  if (!body.ok && body.reason === "too_large") return { ok: false, response: tooLarge(c, maxBytes) };
  if (!body.ok) return { ok: false, response: c.json({ error: "invalid_json", message: "The request body could not be read to its end." }, 400) };
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body.bytes));
  } catch {
    return { ok: false, response: c.json({ error: "invalid_json", message: "The request body is not valid UTF-8 JSON." }, 400) };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
    return {
      ok: false,
      response: c.json(
        { error: "validation", message: `Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, issues },
        422,
      ),
    };
  }
  return { ok: true, value: parsed.data };
}

function tooLarge(c: Context, maxBytes: number): Response {
  return c.json({ error: "too_large", message: `The request body is larger than ${maxBytes} bytes.` }, 413);
}
