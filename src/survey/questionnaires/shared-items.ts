// Items both shipped forms end with, so the overall score and comments read the same across forms.
import type { LikertItem, TextItem } from "../types.ts";

export const overallItem: LikertItem = {
  id: "overall",
  kind: "likert",
  element: null,
  text: {
    vi: "Nhìn chung, Ông/Bà hài lòng đến mức nào với sự phục vụ của cơ quan?",
    en: "Overall, how satisfied are you with the service you received?",
  },
  optional: false,
};

export const commentItem: TextItem = {
  id: "comment",
  kind: "text",
  element: null,
  text: {
    vi: "Ông/Bà có góp ý gì thêm để cơ quan phục vụ tốt hơn không?",
    en: "Anything else you would like to tell us so we can serve you better?",
  },
  optional: true,
  maxLength: 1000,
};
