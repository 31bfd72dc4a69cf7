// Line breaking for chart text laid out by hand: ECharts' own wrapping works per label box and cannot
// tell us how tall the result is, and the portrait digest chart must know every row's height up front.
import { measureText } from "./measure.ts";

export function textWidth(text: string, fontSize: number, bold = false): number {
  return measureText(text, `${bold ? "bold " : ""}${fontSize}px`).width;
}

/** Greedy word wrap; a single word wider than the line stays whole on its own line rather than being cut. */
export function wrapText(text: string, fontSize: number, width: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const candidate = line === "" ? word : `${line} ${word}`;
    if (line !== "" && textWidth(candidate, fontSize, bold) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== "") lines.push(line);
  return lines.length > 0 ? lines : [""];
}
