// One HTTP round trip to a Zalo host: timeout, lossless JSON (ids > 2^53), and a clear split between
// "Zalo answered" (any JSON body, whatever the status) and "we could not reach Zalo".
import { parseJsonLossless } from "./json.ts";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type HttpOutcome =
  | { kind: "answered"; status: number; body: unknown }
  | { kind: "transport"; status?: number; detail: string };

export async function zaloRequest(
  fetchFn: FetchLike,
  url: string,
  // FormData for uploads: fetch writes the multipart boundary into content-type itself.
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string | FormData },
  timeoutMs: number,
): Promise<HttpOutcome> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const err = e as Error;
    return { kind: "transport", detail: `${init.method} ${redactUrl(url)} failed: ${err.name === "TimeoutError" ? `timed out after ${timeoutMs} ms` : err.message}` };
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    return { kind: "transport", status: res.status, detail: `reading the response of ${redactUrl(url)} failed: ${(e as Error).message}` };
  }
  try {
    return { kind: "answered", status: res.status, body: parseJsonLossless(text) };
  } catch {
    return { kind: "transport", status: res.status, detail: `HTTP ${res.status} from ${redactUrl(url)} with a non-JSON body: ${text.slice(0, 200)}` };
  }
}

/** Query strings may carry user ids; logs keep only the path. */
function redactUrl(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}
