// The buttons of the roles feature (/invite, /staff, /revoke): typed actions in "x:r:…" data.
// "ry" and "rn" keep the data older confirmation messages carry, so those still work after an upgrade.
import { buttonCodec, field, type ActionOf } from "./button-codec.ts";

export const rolesButtons = buttonCodec("r", {
  /** From /staff: ask to confirm revoking this member. */
  revokeAsk: { tag: "ra", fields: { member: field.id } },
  revokeYes: { tag: "ry", fields: { member: field.id } },
  revokeNo: { tag: "rn" },
  /** From /invite: the role of the code to issue. */
  inviteRole: { tag: "ir", fields: { role: field.oneOf("official", "comms", "admin") } },
  /** The official's agency picker; `nonce` names the picker the member has open (older ones are stale). */
  inviteToggle: { tag: "it", fields: { nonce: field.id, agency: field.int } },
  /** One level of the registry tree (parent 0: the first level), one page of it. */
  inviteLevel: { tag: "il", fields: { nonce: field.id, parent: field.int, page: field.int } },
  inviteIssue: { tag: "ii", fields: { nonce: field.id } },
  inviteCancel: { tag: "ix", fields: { nonce: field.id } },
});

export type RolesButton = ActionOf<typeof rolesButtons>;
