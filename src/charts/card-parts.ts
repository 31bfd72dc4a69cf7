// The card's section of sub-indices: one row per part, its name, a bar of its value on a 0–100 track, the
// value, and its change on the year before (an arrow and the figure) where the registry holds one.
import { CARD_MIN_FONT, INNER, LINE, PAD, WRAP_SLACK, arrow, paragraph, rect, text, TONE_COLOR, type Graphic, type Tone } from "./card-draw.ts";
import { textWidth, wrapText } from "./text-wrap.ts";
import { COLORS } from "./theme.ts";

export interface CardPartRow {
  label: string;
  /** Percent, for the bar; null when only a change is held. */
  value: number | null;
  valueText: string | null;
  /** "+1,20", "tăng": what changed since the year before. */
  change: { text: string; tone: Tone } | null;
}

export interface CardParts {
  title: string;
  rows: CardPartRow[];
}

const BAR = 10;
const VALUE_COLUMN = 74;

/** A name cut to one line, ending in "…": the post names the part in full. */
function oneLine(label: string, width: number): string[] {
  const [first = "", ...rest] = wrapText(label, CARD_MIN_FONT, width * WRAP_SLACK);
  if (rest.length === 0) return [first];
  const words = first.split(" ");
  while (words.length > 1 && textWidth(`${words.join(" ")} …`, CARD_MIN_FONT) > width * WRAP_SLACK) words.pop();
  return [`${words.join(" ")} …`];
}

/**
 * One row per part: its name with the value at the right, then the bar with the change beside it. `gap` is
 * the space between rows and `compact` cuts names to one line, both chosen by the caller when the card would
 * be too tall.
 */
export function partsSection(p: CardParts, top: number, gap: number, compact = false): { graphics: Graphic[]; bottom: number } {
  const g: Graphic[] = [];
  const title = paragraph(PAD, top, p.title, INNER, { bold: true, fill: COLORS.muted });
  g.push(...title.graphics);
  let y = title.bottom + 2;
  const right = PAD + INNER;
  const track = INNER - VALUE_COLUMN;
  /** The change, right-aligned at `at` (the card's edge unless given). */
  const change = (row: CardPartRow, y: number, at = right) => {
    if (!row.change) return;
    const color = TONE_COLOR[row.change.tone];
    const w = textWidth(row.change.text, CARD_MIN_FONT, true);
    g.push(text(at, y, row.change.text, { align: "right", fill: color, fontWeight: 700 }));
    if (row.change.tone === "up" || row.change.tone === "down") g.push(arrow(at - w - 9, y + LINE / 2 - 1, row.change.tone, color));
  };
  for (const row of p.rows) {
    if (compact) {
      // One line a part: the bar lies under its name, the change and the value at the right.
      const changeWidth = row.change ? textWidth(row.change.text, CARD_MIN_FONT, true) + 22 : 0;
      const labelWidth = track - changeWidth;
      if (row.value !== null) {
        g.push(rect(PAD, y + 1, track, LINE - 2, COLORS.track), rect(PAD, y + 1, (track * Math.max(0, Math.min(100, row.value))) / 100, LINE - 2, COLORS.barSoft));
      }
      g.push(text(PAD + 3, y, oneLine(row.label, labelWidth - 3)[0]!));
      if (row.valueText) g.push(text(right, y, row.valueText, { align: "right", fontWeight: 700 }));
      if (row.change) change(row, y, PAD + track - 3);
      y += LINE + Math.max(gap, 3);
      continue;
    }
    const lines = wrapText(row.label, CARD_MIN_FONT, track * WRAP_SLACK);
    lines.forEach((ln, i) => g.push(text(PAD, y + i * LINE, ln)));
    if (row.value === null) {
      // Only the direction is held: it stands where the value would.
      change(row, y);
      y += lines.length * LINE + gap;
      continue;
    }
    if (row.valueText) g.push(text(right, y, row.valueText, { align: "right", fontWeight: 700 }));
    y += lines.length * LINE;
    const barLine = row.change ? LINE : BAR + 4;
    const barTop = y + (barLine - BAR) / 2;
    g.push(rect(PAD, barTop, track, BAR, COLORS.track), rect(PAD, barTop, (track * Math.max(0, Math.min(100, row.value))) / 100, BAR, COLORS.current));
    change(row, y);
    y += barLine + gap;
  }
  return { graphics: g, bottom: y - gap };
}
