// Lạng Sơn's SIPAS 2021 as an announcement card shows it: the charts test and bench/charts draw this.
import type { ResultCard } from "../../src/charts/result-card.ts";

export const LANG_SON: ResultCard = {
  unitName: "Lạng Sơn",
  indexName: "Chỉ số SIPAS",
  year: 2021,
  value: 87.07,
  rank: 31,
  of: 63,
  change: 8,
  history: [
    { year: 2019, value: 82.4 },
    { year: 2020, value: 83.97 },
    { year: 2021, value: 87.07 },
  ],
};
