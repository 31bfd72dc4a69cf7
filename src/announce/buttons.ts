// The buttons of /announce: typed actions in "x:a:…" data. The tags are the ones earlier messages carry,
// so a preview sent before an upgrade keeps working; `version` is the text the person saw.
import { buttonCodec, field, type ActionOf } from "../staff/button-codec.ts";

const post = { id: field.id, version: field.int };

export const announceButtons = buttonCodec("a", {
  menu: { tag: "n" },
  list: { tag: "l" },
  indices: { tag: "ri" },
  units: { tag: "ri", fields: { index: field.code } },
  years: { tag: "ru", fields: { index: field.code, unit: field.code } },
  result: { tag: "ry", fields: { index: field.code, unit: field.code, year: field.int } },
  agencies: { tag: "ia" },
  agency: { tag: "ia", fields: { agency: field.int } },
  report: { tag: "ip", fields: { agency: field.int, period: field.oneOf("m", "q") } },
  open: { tag: "o", fields: { id: field.id } },
  editVi: { tag: "ev", fields: post },
  editEn: { tag: "ee", fields: post },
  submit: { tag: "s", fields: post },
  approve: { tag: "ap", fields: post },
  /** Asks the admin for the reason; the rejection happens when they send it. */
  reject: { tag: "rj", fields: post },
  /** Keeps the post pending instead of typing a reason. */
  rejectCancel: { tag: "rx", fields: { id: field.id } },
  discard: { tag: "d", fields: { id: field.id } },
  publish: { tag: "p", fields: post },
  schedule: { tag: "sc", fields: post },
  quickTime: { tag: "sq", fields: { ...post, when: field.oneOf("tm", "ta", "nm") } },
  unschedule: { tag: "us", fields: { id: field.id } },
});

export type AnnounceButton = ActionOf<typeof announceButtons>;
