// Server-rendered public pages: escaping, one stylesheet, and the security headers every page sends.
// No scripts at all, so the Content-Security-Policy can forbid them outright; the one inline stylesheet
// is allowed by its hash rather than by 'unsafe-inline'.
import crypto from "node:crypto";

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Tagged template whose interpolations are escaped unless they are `Html` produced by this module. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | null | undefined | false)[]): Html {
  let out = strings[0] ?? "";
  values.forEach((v, i) => {
    const parts = Array.isArray(v) ? v : [v];
    for (const p of parts) {
      if (p instanceof Html) out += p.value;
      else if (p !== null && p !== undefined && p !== false) out += escapeHtml(String(p));
    }
    out += strings[i + 1] ?? "";
  });
  return new Html(out);
}

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.5;color:#1c2430;background:#f4f6f9}
main{max-width:30rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.card{background:#fff;border-radius:14px;padding:1.25rem;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.agency{margin:0 0 .25rem;font-size:.95rem;color:#4a5565;overflow-wrap:anywhere}
h1{margin:0 0 .75rem;font-size:1.45rem;line-height:1.25}
p{margin:.5rem 0}
.buttons{display:flex;flex-direction:column;gap:.75rem;margin:1.25rem 0 .5rem}
.btn{display:block;min-height:3.25rem;padding:.85rem 1rem;border-radius:10px;font-size:1.1rem;font-weight:600;text-align:center;text-decoration:none;color:#fff}
.btn:focus-visible{outline:3px solid #1c2430;outline-offset:2px}
.telegram{background:#1b8fd0}
.zalo{background:#0068ff}
.hint{font-size:.95rem;color:#4a5565}
.hint a{color:#1b5fa8}
code{display:inline-block;font-family:inherit;font-weight:600;padding:.1rem .4rem;border-radius:6px;background:#eef1f5;font-size:.95rem;user-select:all;overflow-wrap:anywhere}
.note{font-size:.95rem;color:#4a5565;border-left:3px solid #c9d1dc;padding-left:.6rem}
.small{font-size:.85rem;color:#5f6b7a}
nav{margin-top:1.25rem;text-align:center;font-size:.95rem}
nav a{color:#1b5fa8;padding:.5rem}
nav [aria-current]{font-weight:600;color:#1c2430;text-decoration:none}
`.trim();

const STYLE_HASH = crypto.createHash("sha256").update(STYLE).digest("base64");

export const PAGE_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  // The token in the address must not travel to t.me or zalo.me in a Referer header.
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
  vary: "Accept-Language",
};

export function page(opts: { lang: string; title: string; body: Html }): string {
  return `<!doctype html>${html`<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${opts.title}</title>
<link rel="icon" href="data:,">
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
${opts.body}
</main>
</body>
</html>`.value}`;
}
