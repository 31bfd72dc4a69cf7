// Colours and type sizes shared by the charts, so the digest chart and the result card look related.
import { CHART_FONT_FAMILY } from "./raster.ts";

export const COLORS = {
  current: "#1f6fb2",
  overall: "#1b7f79",
  track: "#eef2f6",
  previous: "#b9c6d3",
  interval: "#0b2f4f",
  text: "#1d2733",
  muted: "#5b6b7b",
  up: "#1e8a4c",
  down: "#c0392b",
  grid: "#e3e8ee",
  /** A bar with text on it (the card's compact sub-indices): light enough for the text to stay legible. */
  barSoft: "#cfe0f1",
};

export const BASE_TEXT = { fontFamily: CHART_FONT_FAMILY, color: COLORS.text };
