// The public results site as a citizen or a journalist would see it after the demo's two weeks: the
// pages and the open data are fetched from the running service over HTTP, exactly as served, so what the
// demo writes is what the site publishes (no second renderer that could drift from it).
import type { OutputWriter } from "./output-files.ts";

interface SitePage {
  path: string;
  file: string;
  what: string;
}

function pages(agencyCodes: readonly string[]): SitePage[] {
  const list: SitePage[] = [
    { path: "/results?lang=vi", file: "site-overview.vi.html", what: "public results site: the province's overview (Vietnamese)" },
    { path: "/results?lang=en", file: "site-overview.en.html", what: "public results site: the province's overview (English)" },
    { path: "/results/data?lang=vi", file: "site-data.vi.html", what: "public results site: open data and its dictionary (Vietnamese)" },
    { path: "/results/data/indices.csv", file: "site-indices.csv", what: "open data: indices by agency and quarter (CSV, as served)" },
    { path: "/results/site.css", file: "site.css", what: "the site's stylesheet (the pages link it as /results/site.css)" },
  ];
  for (const code of agencyCodes) {
    for (const lang of ["vi", "en"] as const) {
      list.push({
        path: `/results/agencies/${encodeURIComponent(code)}?lang=${lang}`,
        file: `site-agency-${code}.${lang}.html`,
        what: `public results site: ${code} (${lang === "vi" ? "Vietnamese" : "English"})`,
      });
    }
  }
  return list;
}

export async function writeSitePages(baseUrl: string, agencyCodes: readonly string[], out: OutputWriter): Promise<void> {
  for (const p of pages(agencyCodes)) {
    const res = await fetch(`${baseUrl}${p.path}`);
    // A page the site does not serve is a broken demo, not an empty file to shrug at.
    if (res.status !== 200) throw new Error(`the public site answered ${res.status} for ${p.path}`);
    out.text(p.file, await res.text(), p.what);
  }
}
