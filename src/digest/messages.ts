// A digest as the messages one person receives: per language, the chart picture (with a one-line caption)
// and then the text. Picture and text are separate messages so that each is sent, recorded and never
// repeated on its own: a failure of the text cannot make the picture go out twice.
import type { OutboundMessage } from "../messages.ts";
import { renderDigestChart } from "./chart.ts";
import type { Translate } from "../i18n.ts";
import type { Locale } from "../i18n.ts";
import { renderDigestText } from "./render.ts";
import type { Digest } from "./types.ts";

export interface RenderedDigest {
  locale: Locale;
  text: string;
  /** The first agency's chart, or null when the digest has no agency with figures to draw. */
  chart: { png: Buffer; filename: string; caption: string } | null;
}

export function renderDigest(digest: Digest, locale: Locale, t: Translate): RenderedDigest {
  const text = renderDigestText(digest, locale, t);
  const first = digest.sections[0];
  if (!first) return { locale, text, chart: null };
  return {
    locale,
    text,
    chart: {
      png: renderDigestChart(digest, locale, { t }),
      filename: `digest-${digest.period.label}-${locale}.png`,
      caption: t(locale, "digest.chart_caption", { agency: first.agencyName, label: digest.period.label }),
    },
  };
}

export interface DigestPart {
  /** Stable within a row: "vi:chart", "vi:text", "en:chart", "en:text". */
  part: string;
  message: OutboundMessage;
}

export function digestParts(chatId: string, rendered: RenderedDigest[]): DigestPart[] {
  return rendered.flatMap((r) => {
    const text: DigestPart = { part: `${r.locale}:text`, message: { chatId, text: r.text, locale: r.locale } };
    if (!r.chart) return [text];
    const chart: DigestPart = {
      part: `${r.locale}:chart`,
      message: { chatId, text: r.chart.caption, locale: r.locale, photo: { png: r.chart.png, filename: r.chart.filename } },
    };
    return [chart, text];
  });
}
