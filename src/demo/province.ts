// The demo's province: a small agency tree under the provincial People's Committee (departments and
// communes, as local government has been organised since 2025), the procedures each one finishes, and
// how busy and how well-liked each is. Data only; the simulation reads it.
import type { Element } from "../survey/types.ts";

export const PROVINCE_CODE = "LSN";
export const CENTRE_CODE = "LSN-TTPVHCC";

export interface Procedure {
  /** In the national procedure-code format; illustrative, not looked up. */
  code: string;
  name: string;
}

export interface DemoAgency {
  code: string;
  nameVi: string;
  nameEn: string;
  questionnaireId: string;
  /** Finished dossiers per working day (Saturday mornings count half, at communes and wards only). */
  perDay: number;
  /** Share of invited citizens who open the link. */
  responseRate: number;
  /** The agency's usual level on the 1–5 scale, and per element offsets from it. */
  level: number;
  offsets: Partial<Record<Element, number>>;
  /** What changed in the second week (the digest's current period): offsets added to the levels above. */
  secondWeek: Partial<Record<Element, number>>;
  /** Citizens who walk in and pick the agency from the bot's list, per working day. */
  walkInsPerDay: number;
  procedures: Procedure[];
  /** Works on Saturday morning (one-stop desks of wards and communes). */
  saturday: boolean;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  {
    code: CENTRE_CODE,
    nameVi: "Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn",
    nameEn: "Lạng Sơn Public Administration Service Centre",
    questionnaireId: "sipas-short",
    perDay: 12,
    responseRate: 0.74,
    level: 4.35,
    offsets: { procedures: -0.35, feedback: -0.2 },
    // Online submission opened in week 2: procedures got easier, the rest stayed as it was.
    secondWeek: { procedures: 0.45 },
    walkInsPerDay: 2,
    saturday: false,
    procedures: [
      { code: "1.009994", name: "Cấp giấy phép xây dựng nhà ở riêng lẻ" },
      { code: "1.004227", name: "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất" },
      { code: "2.001711", name: "Cấp giấy phép lái xe quốc tế" },
    ],
  },
  {
    code: "LSN-STP",
    nameVi: "Sở Tư pháp tỉnh Lạng Sơn",
    nameEn: "Lạng Sơn Department of Justice",
    questionnaireId: "sipas-short",
    perDay: 4,
    responseRate: 0.7,
    level: 4.45,
    offsets: { civil_servants: 0.15 },
    secondWeek: {},
    walkInsPerDay: 0,
    saturday: false,
    procedures: [{ code: "2.000488", name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam" }],
  },
  {
    code: "LSN-SXD",
    nameVi: "Sở Xây dựng tỉnh Lạng Sơn",
    nameEn: "Lạng Sơn Department of Construction",
    questionnaireId: "sipas-short",
    perDay: 2.5,
    responseRate: 0.68,
    level: 4.15,
    offsets: { results: -0.25 },
    secondWeek: {},
    walkInsPerDay: 0,
    saturday: false,
    procedures: [{ code: "1.011646", name: "Cấp chứng chỉ hành nghề hoạt động xây dựng" }],
  },
  {
    code: "LSN-SNNMT",
    nameVi: "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn",
    nameEn: "Lạng Sơn Department of Agriculture and Environment",
    questionnaireId: "sipas-short",
    perDay: 4,
    responseRate: 0.66,
    level: 4.1,
    offsets: { results: -0.3, access: -0.1 },
    // A backlog of land dossiers in week 2: results (on time, complete) suffered.
    secondWeek: { results: -0.45 },
    walkInsPerDay: 0,
    saturday: false,
    procedures: [{ code: "1.012771", name: "Đăng ký đất đai, tài sản gắn liền với đất lần đầu" }],
  },
  {
    code: "LSN-P-LVT",
    nameVi: "UBND phường Lương Văn Tri",
    nameEn: "Lương Văn Tri Ward People's Committee",
    questionnaireId: "sipas-short",
    perDay: 7,
    responseRate: 0.78,
    level: 4.5,
    offsets: { access: 0.1 },
    secondWeek: {},
    walkInsPerDay: 1.5,
    saturday: true,
    procedures: [
      { code: "1.001193", name: "Đăng ký khai sinh" },
      { code: "2.000815", name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản" },
      { code: "1.000894", name: "Đăng ký kết hôn" },
    ],
  },
  {
    code: "LSN-X-DONGDANG",
    nameVi: "UBND xã Đồng Đăng",
    nameEn: "Đồng Đăng Commune People's Committee",
    questionnaireId: "sipas-short",
    perDay: 2.5,
    responseRate: 0.72,
    level: 4.3,
    offsets: { feedback: -0.3 },
    secondWeek: {},
    walkInsPerDay: 0,
    saturday: true,
    procedures: [
      { code: "1.001193", name: "Đăng ký khai sinh" },
      { code: "2.000815", name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản" },
    ],
  },
];

/** The agencies the officials' digest is about: the whole province, the busiest desk, a small commune. */
export const DIGEST_AGENCIES = [PROVINCE_CODE, CENTRE_CODE, "LSN-X-DONGDANG"];

const PROVINCE = { nameVi: "UBND tỉnh Lạng Sơn", nameEn: "Lạng Sơn Provincial People's Committee" };

/** The registry file, read by the same code as `hailong agencies import`: the province and its agencies. */
export function agenciesCsv(): string {
  const rows = [
    "code,name_vi,name_en,parent_code,questionnaire_id",
    `${PROVINCE_CODE},${PROVINCE.nameVi},${PROVINCE.nameEn},,`,
    ...DEMO_AGENCIES.map((a) => `${a.code},${a.nameVi},${a.nameEn},${PROVINCE_CODE},${a.questionnaireId}`),
  ];
  return rows.join("\n") + "\n";
}
