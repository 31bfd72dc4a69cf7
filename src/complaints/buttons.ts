// The officials' complaint buttons: typed actions in "x:cmp:…" data (src/staff/button-codec.ts). They carry
// the complaint's id only; whether the press still applies (in scope, still open) is decided at the press,
// so a button on an old notification or a forged one changes nothing it should not.
import { buttonCodec, field, type ActionOf } from "../staff/button-codec.ts";

export const complaintButtons = buttonCodec("cmp", {
  /** Start typing a reply to the citizen. */
  reply: { tag: "r", fields: { id: field.id } },
  /** Mark it resolved (the citizen is told). */
  resolve: { tag: "v", fields: { id: field.id } },
  /** Stop typing a reply. */
  cancel: { tag: "x", fields: { id: field.id } },
});

export type ComplaintButton = ActionOf<typeof complaintButtons>;
