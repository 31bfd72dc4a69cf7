// The site's one stylesheet, served from /results/site.css so the Content-Security-Policy can allow
// styles from 'self' only: no inline styles, no style attributes, and bars drawn with <meter>.
import crypto from "node:crypto";

export const SITE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.5;color:#1c2430;background:#f4f6f9}
a{color:#1b5fa8}
a:focus-visible{outline:3px solid #1c2430;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem}
.skip:focus{left:0}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
header{background:#12395f;color:#fff}
header .bar{max-width:60rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none;overflow-wrap:anywhere}
header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
header nav a{display:inline-block;padding:.35rem .2rem}
header [aria-current]{font-weight:700}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 2rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .75rem;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .35rem}
p{margin:.5rem 0}
.card{background:#fff;border-radius:12px;padding:1rem;box-shadow:0 1px 3px rgba(0,0,0,.08);margin:0 0 1rem}
.card>:first-child{margin-top:0}
.card>:last-child{margin-bottom:0}
.nowrap{white-space:nowrap}
.headline{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .75rem}
.value{font-size:2.2rem;font-weight:700;line-height:1.1}
.muted{color:#4a5565}
.small{font-size:.9rem}
.withheld{color:#4a5565;font-style:italic}
.up{color:#1e6b3c}
.down{color:#a5281b}
ul.elements,ul.agencies,ul.posts,ul.files{list-style:none;margin:0;padding:0}
ul.elements li{padding:.4rem 0;border-bottom:1px solid #e3e8ee}
.element-head{display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap}
meter{display:block;width:100%;height:.8rem;margin:.2rem 0}
ul.agencies li{padding:.5rem 0;border-bottom:1px solid #e3e8ee;display:flex;justify-content:space-between;gap:.5rem;flex-wrap:wrap}
ul.agencies a{display:inline-block;padding:.15rem 0;overflow-wrap:anywhere}
.depth-1{padding-left:1rem!important}
.depth-2{padding-left:2rem!important}
.depth-3{padding-left:3rem!important}
table{width:100%;border-collapse:collapse;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;padding:.35rem .3rem;border-bottom:1px solid #e3e8ee;vertical-align:top}
td{overflow-wrap:anywhere}
th.year{white-space:nowrap}
td.num,th.num{text-align:right}
td.num{white-space:nowrap}
figure{margin:0}
figure img{display:block;width:100%;height:auto;max-width:36rem}
ul.posts li{padding:.6rem 0;border-bottom:1px solid #e3e8ee}
ul.posts li:last-child{border-bottom:0;padding-bottom:0}
.post{white-space:pre-line;overflow-wrap:anywhere}
ul.files li{padding:.3rem 0}
dl{margin:0}
dt{font-weight:600;margin-top:.6rem;overflow-wrap:anywhere}
dd{margin:0 0 .2rem 0}
code{font-size:.9rem;background:#eef1f5;padding:.05rem .3rem;border-radius:4px;overflow-wrap:anywhere}
footer{max-width:60rem;margin:0 auto;padding:0 1rem 2rem;font-size:.9rem;color:#4a5565}
@media (min-width:48rem){.columns{display:grid;grid-template-columns:1fr 1fr;gap:1rem}}
`.trim();

/** Changes with the stylesheet, so it can be cached for a long time under a versioned address. */
export const SITE_CSS_VERSION = crypto.createHash("sha256").update(SITE_CSS).digest("hex").slice(0, 12);

/** The site's icon: a tick in the header's colour, so browsers do not ask for a missing /favicon.ico. */
export const SITE_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#12395f"/><path d="M8 17l5 5 11-12" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
