// Announcement cards as the drafts word them from the shipped registry: Lạng Sơn's PAR INDEX and SIPAS 2021
// together (no series: one year held), the national SIPAS 2023 with its five elements (bars), and the national
// SIPAS 2018–2021 (a series). The charts tests and bench/charts draw these.
import type { ResultCard } from "../../src/charts/result-card.ts";

export const LANG_SON: ResultCard = {
  header: "TỈNH LẠNG SƠN",
  title: "Kết quả công bố năm 2021",
  blocks: [
    {
      label: "PAR INDEX · nhóm B",
      value: "87,11 %",
      rankLabel: "Xếp hạng",
      rank: "23/63",
      lines: [
        { text: "tăng 13 bậc so với năm 2020", tone: "up" },
        { text: "tăng 3,31 so với năm 2020", tone: "up" },
        { text: "Cao nhất từ khi có chỉ số này", tone: "text" },
        { text: "Lĩnh vực: 5/8 tăng", tone: "text" },
        { text: "Trung bình 63 tỉnh, thành phố: 86,37 %", tone: "muted", optional: 1 },
      ],
    },
    {
      label: "SIPAS",
      value: "87,07 %",
      rankLabel: "Xếp hạng",
      rank: "31/63",
      lines: [
        { text: "tăng 8 bậc so với năm 2020", tone: "up" },
        { text: "tăng 3,1 so với năm 2020", tone: "up" },
        { text: "Chỉ số thành phần: 1/5 tăng, 3/5 giảm (cả điểm và hạng)", tone: "text" },
        { text: "Khảo sát 400 phiếu / 3.366 người", tone: "muted", optional: 2 },
        { text: "Trung bình 63 tỉnh, thành phố: 87,16 %", tone: "muted", optional: 1 },
      ],
    },
  ],
  parts: null,
  trend: null,
  source: "Nguồn: hanhchinhcong.langson.gov.vn",
};

export const NATIONAL_2023: ResultCard = {
  header: "AVERAGE OF THE 63 PROVINCES",
  title: "SIPAS 2023",
  blocks: [{ label: "", value: "82.66%", rankLabel: "Rank", rank: null, lines: [{ text: "up 2.58 points from 2022", tone: "up" }] }],
  parts: {
    title: "Sub-indices",
    rows: [
      { label: "Access to services", value: 83, valueText: "83.00%", change: null },
      { label: "Administrative procedures", value: 83.02, valueText: "83.02%", change: null },
      { label: "Civil servants", value: 83.12, valueText: "83.12%", change: null },
      { label: "Service results", value: 83.03, valueText: "83.03%", change: null },
      { label: "Handling feedback and petitions", value: 82.27, valueText: "82.27%", change: null },
    ],
  },
  trend: {
    title: "Over the years",
    points: [
      { label: "2022", value: 80.08, valueText: "80.08" },
      { label: "2023", value: 82.66, valueText: "82.66" },
    ],
  },
  source: "Source: en.vietnamplus.vn",
};

export const NATIONAL_2021: ResultCard = {
  header: "TRUNG BÌNH 63 TỈNH, THÀNH PHỐ",
  title: "SIPAS năm 2021",
  blocks: [
    {
      label: "",
      value: "87,16 %",
      rankLabel: "Xếp hạng",
      rank: null,
      lines: [
        { text: "tăng 1,68 điểm phần trăm so với năm 2020", tone: "up" },
        { text: "Cao nhất từ năm 2018 đến nay", tone: "text" },
      ],
    },
  ],
  parts: null,
  trend: {
    title: "Qua các năm",
    points: [
      { label: "2018", value: 82.99, valueText: "82,99" },
      { label: "2019", value: 84.45, valueText: "84,45" },
      { label: "2020", value: 85.48, valueText: "85,48" },
      { label: "2021", value: 87.16, valueText: "87,16" },
    ],
  },
  source: "Nguồn: giaoducthoidai.vn",
};
