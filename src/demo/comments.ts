// What simulated citizens write in the optional comment, by how the visit went. Written the way people
// type on a phone: short, sometimes without a final full stop.
import type { Locale } from "../i18n.ts";

export type Mood = "good" | "mixed" | "bad";

const COMMENTS: Record<Locale, Record<Mood, string[]>> = {
  vi: {
    good: [
      "Cán bộ hướng dẫn tận tình, chu đáo. Cảm ơn!",
      "Thủ tục nhanh gọn, trả kết quả đúng hẹn.",
      "Rất hài lòng, nhân viên niềm nở",
      "Được hướng dẫn kê khai rõ ràng, không phải đi lại nhiều lần.",
      "Trụ sở sạch sẽ, có nước uống và chỗ ngồi chờ thoải mái.",
      "Nộp hồ sơ trực tuyến tiện lợi, chỉ cần đến nhận kết quả",
    ],
    mixed: [
      "Phải chờ khá lâu mới đến lượt, mong bố trí thêm quầy tiếp nhận.",
      "Cán bộ nhiệt tình nhưng hướng dẫn trên cổng dịch vụ công còn khó hiểu.",
      "Nên niêm yết rõ mức phí, lệ phí ngay tại quầy",
      "Bãi gửi xe chật, buổi sáng rất đông.",
      "Kết quả đúng hẹn nhưng phải bổ sung giấy tờ hai lần.",
    ],
    bad: [
      "Hồ sơ bị trả về mà không nói rõ lý do, phải đi lại nhiều lần.",
      "Trễ hẹn gần một tuần, gọi điện hỏi không ai trả lời.",
      "Thái độ cán bộ chưa niềm nở, hỏi thì trả lời qua loa",
      "Hệ thống bốc số bị lỗi, xếp hàng lộn xộn.",
    ],
  },
  en: {
    good: ["Staff were very helpful and explained everything in English.", "Quick and well organised, thank you!"],
    mixed: ["The online form was only in Vietnamese, so I needed help to fill it in.", "Fine in the end, but the waiting time was long."],
    bad: ["Nobody could tell me when my document would be ready."],
  },
};

export function commentFor(locale: Locale, mood: Mood, pick: number): string {
  const pool = COMMENTS[locale][mood];
  return pool[Math.floor(pick * pool.length)] ?? pool[0]!;
}

/**
 * Written late on the last Sunday, so they are among the digest's most recent comments: one leaves a
 * phone number and one introduces herself by name, and the digest must show neither.
 */
export const SCRIPTED_COMMENTS = {
  phone: "Cán bộ phường hướng dẫn rất nhiệt tình. Nếu cần bổ sung hồ sơ xin gọi cho tôi số 0912 345 678.",
  phoneDigits: "0912 345 678",
  name: "Tôi là Nguyễn Thị Lan, làm giấy khai sinh cho con chỉ mất một buổi sáng, rất cảm ơn cán bộ.",
  personName: "Nguyễn Thị Lan",
};
