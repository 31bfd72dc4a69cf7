// The 19 service-delivery items of the MoHA SIPAS form (Q9.15–Q9.33), for centres that want per-item
// detail. Ids keep the form's numbering so results can be matched against the national survey.
import type { Element, LikertItem, Questionnaire } from "../types.ts";
import { commentItem, overallItem } from "./shared-items.ts";

const SKIP_HINT = { vi: " (bỏ qua nếu chưa từng góp ý)", en: " (skip if you never gave feedback)" };

function serviceItem(n: number, element: Element, vi: string, en: string): LikertItem {
  // Feedback items are optional: most citizens never filed a comment or complaint.
  const optional = element === "feedback";
  return {
    id: `q9_${n}`,
    kind: "likert",
    element,
    text: optional ? { vi: vi + SKIP_HINT.vi, en: en + SKIP_HINT.en } : { vi, en },
    optional,
  };
}

export const sipasServices: Questionnaire = {
  id: "sipas-services",
  version: 1,
  title: {
    vi: "Khảo sát mức độ hài lòng về dịch vụ hành chính công",
    en: "Public administrative service satisfaction survey",
  },
  items: [
    serviceItem(15, "access",
      "Cơ quan cung cấp thông tin về thủ tục hành chính theo nhiều hình thức, dễ tiếp cận, dễ hiểu",
      "Information on procedures is provided in many forms, easy to access and understand"),
    serviceItem(16, "access",
      "Trụ sở tiếp nhận hồ sơ, trả kết quả có biển hiệu, hướng dẫn rõ ràng, dễ thấy",
      "The office receiving dossiers and returning results has clear, visible signs and directions"),
    serviceItem(17, "access",
      "Trụ sở tiếp nhận hồ sơ, trả kết quả sạch sẽ, văn minh",
      "The office is clean and orderly"),
    serviceItem(18, "access",
      "Trang thiết bị phục vụ người dân đầy đủ, chất lượng tốt, giúp giải quyết công việc dễ dàng hơn",
      "Equipment for citizens is sufficient and in good condition, making things easier"),
    serviceItem(19, "procedures",
      "Quy định thủ tục hành chính được niêm yết công khai tại trụ sở, dễ thấy, dễ hiểu",
      "Procedure rules are publicly posted at the office, easy to see and understand"),
    serviceItem(20, "procedures",
      "Thành phần hồ sơ người dân phải nộp là đúng quy định",
      "The documents you had to submit are as prescribed"),
    serviceItem(21, "procedures",
      "Mức phí/lệ phí người dân phải nộp là đúng quy định",
      "The fees and charges you paid are as prescribed"),
    serviceItem(22, "procedures",
      "Thời hạn giải quyết thủ tục hành chính là đúng quy định",
      "The processing time limit is as prescribed"),
    serviceItem(23, "civil_servants",
      "Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân",
      "Civil servants communicate politely and respectfully"),
    serviceItem(24, "civil_servants",
      "Công chức cung cấp thông tin, trả lời kịp thời, đầy đủ các câu hỏi, ý kiến của người dân",
      "Civil servants answer questions and comments promptly and fully"),
    serviceItem(25, "civil_servants",
      "Công chức hướng dẫn hồ sơ dễ hiểu, người dân hoàn thiện được hồ sơ sau một lần hướng dẫn",
      "Guidance is easy to understand, so the dossier can be completed after one round of guidance"),
    serviceItem(26, "civil_servants",
      "Công chức tuân thủ đúng quy định trong giải quyết công việc",
      "Civil servants comply with regulations when handling your case"),
    serviceItem(27, "civil_servants",
      "Công chức tận tình với người dân trong quá trình giải quyết công việc",
      "Civil servants are helpful throughout the process"),
    serviceItem(28, "results",
      "Kết quả giải quyết thủ tục hành chính được trả đúng hẹn",
      "The result was returned on the appointed date"),
    serviceItem(29, "results",
      "Kết quả giải quyết thủ tục hành chính có thông tin đầy đủ, chính xác",
      "The result contains complete and accurate information"),
    serviceItem(30, "results",
      "Kết quả giải quyết thủ tục hành chính đảm bảo tính công bằng",
      "The result is fair"),
    serviceItem(31, "feedback",
      "Cơ quan có hình thức tiếp nhận phản ánh, kiến nghị, giúp người dân phản ánh, kiến nghị dễ dàng",
      "The agency offers ways that make it easy to submit feedback or petitions"),
    serviceItem(32, "feedback",
      "Cơ quan tiếp nhận, xử lý phản ánh, kiến nghị của người dân đúng quy định",
      "Feedback and petitions are received and handled as prescribed"),
    serviceItem(33, "feedback",
      "Cơ quan thông báo kết quả xử lý phản ánh, kiến nghị cho người dân kịp thời",
      "The agency reports the outcome of feedback handling promptly"),
    overallItem,
    commentItem,
  ],
};
