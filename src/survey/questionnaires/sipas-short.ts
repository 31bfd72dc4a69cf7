// The default post-procedure form: one question per SIPAS element, so a citizen finishes in a minute
// while every element index can still be computed.
import type { Questionnaire } from "../types.ts";
import { commentItem, overallItem } from "./shared-items.ts";

export const sipasShort: Questionnaire = {
  id: "sipas-short",
  version: 1,
  title: {
    vi: "Khảo sát mức độ hài lòng (bản ngắn)",
    en: "Satisfaction survey (short form)",
  },
  items: [
    {
      id: "access",
      kind: "likert",
      element: "access",
      text: {
        vi: "Ông/Bà hài lòng đến mức nào với việc tiếp cận dịch vụ (thông tin, trụ sở, trang thiết bị)?",
        en: "How satisfied are you with access to the service (information, premises, equipment)?",
      },
      optional: false,
    },
    {
      id: "procedures",
      kind: "likert",
      element: "procedures",
      text: {
        vi: "Ông/Bà hài lòng đến mức nào với thủ tục hành chính (niêm yết công khai, hồ sơ, phí/lệ phí, thời hạn giải quyết)?",
        en: "How satisfied are you with the procedure (posted rules, required documents, fees, time limit)?",
      },
      optional: false,
    },
    {
      id: "civil_servants",
      kind: "likert",
      element: "civil_servants",
      text: {
        vi: "Ông/Bà hài lòng đến mức nào với công chức trực tiếp giải quyết hồ sơ (thái độ, hướng dẫn, tuân thủ quy định)?",
        en: "How satisfied are you with the civil servant who handled your case (manner, guidance, following the rules)?",
      },
      optional: false,
    },
    {
      id: "results",
      kind: "likert",
      element: "results",
      text: {
        vi: "Ông/Bà hài lòng đến mức nào với kết quả giải quyết (đúng hẹn, đầy đủ, chính xác, công bằng)?",
        en: "How satisfied are you with the result (on time, complete, accurate, fair)?",
      },
      optional: false,
    },
    {
      // Optional because most citizens never filed a comment or complaint and cannot judge its handling.
      id: "feedback",
      kind: "likert",
      element: "feedback",
      text: {
        vi: "Ông/Bà hài lòng đến mức nào với việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị? (Bỏ qua nếu chưa từng góp ý)",
        en: "How satisfied are you with how comments and complaints were received and handled? (Skip if you never gave feedback)",
      },
      optional: true,
    },
    overallItem,
    {
      // Options follow the SIPAS priority list (Q10); policy quality and the catch-all service item
      // are left out because this form is about one procedure, and six buttons fit a phone screen.
      id: "improve",
      kind: "choice",
      element: null,
      text: {
        vi: "Theo Ông/Bà, cơ quan cần cải thiện điều gì nhất?",
        en: "What should the agency improve most?",
      },
      optional: true,
      options: [
        { id: "information", text: { vi: "Thông tin cho người dân", en: "Information for citizens" } },
        { id: "premises", text: { vi: "Trụ sở, trang thiết bị", en: "Premises and equipment" } },
        { id: "competence", text: { vi: "Năng lực của công chức", en: "Staff competence" } },
        { id: "attitude", text: { vi: "Thái độ phục vụ", en: "Staff attitude" } },
        { id: "digital", text: { vi: "Ứng dụng CNTT, chuyển đổi số", en: "Online and digital services" } },
        { id: "feedback", text: { vi: "Xử lý góp ý, phản ánh", en: "Handling of feedback" } },
      ],
    },
    commentItem,
  ],
};
