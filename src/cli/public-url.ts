// Links printed or put in a QR code by the CLI go to citizens' phones, which cannot open an address that
// only means "this machine": the default PUBLIC_BASE_URL (http://127.0.0.1:3000) is such an address.
import type { CliContext } from "./command.ts";

function unreachableHost(publicBaseUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(publicBaseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
  const loopback =
    host === "localhost" || host.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(host) || host === "::1" || host === "0:0:0:0:0:0:0:1";
  const unspecified = host === "0.0.0.0" || host === "::";
  return loopback || unspecified ? host : undefined;
}

/** Says on stderr, once, when the links made from PUBLIC_BASE_URL cannot be opened on a citizen's phone. */
export function warnIfLoopback(ctx: Pick<CliContext, "config" | "err">, command: string): void {
  const host = unreachableHost(ctx.config.publicBaseUrl);
  if (!host) return;
  ctx.err(
    `hailong ${command}: warning: PUBLIC_BASE_URL is ${ctx.config.publicBaseUrl} (${host} is this machine only): ` +
      `citizens' phones cannot open these links. Set PUBLIC_BASE_URL to the address phones reach, e.g. https://khaosat.example.gov.vn`,
  );
}
