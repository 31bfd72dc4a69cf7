// `hailong invitations qr --dossier CODE --out FILE.png|FILE.svg [--size 58|80]`: the receipt label of a
// dossier's invitation, for centres that print receipts from a script rather than through the API.
import fs from "node:fs";
import { createTranslator } from "../i18n.ts";
import { landingUrl } from "../invitations/landing-url.ts";
import { RECEIPT_WIDTHS, createQrRenderer, type ReceiptSize } from "../invitations/qr-code.ts";
import { invitationQrLabel } from "../invitations/qr-label.ts";
import { createInvitationStore } from "../store/invitations.ts";
import { operatorPath, type CliContext, type Command } from "./command.ts";
import { ArgumentError, parseFlags } from "./flags.ts";
import { warnIfLoopback } from "./public-url.ts";

const usage = `hailong invitations qr --dossier CODE --out FILE.png|FILE.svg [--size 58|80]

The QR code encodes the invitation's landing page (PUBLIC_BASE_URL/i/TOKEN), which offers Telegram and
Zalo; --size is the receipt paper width in mm (58: 384 dots, 80: 576 dots at 203 dpi; default 58).`;

function argumentError(ctx: CliContext, message: string): number {
  ctx.err(`hailong invitations: ${message}`);
  ctx.err(`usage: ${usage}`);
  return 2;
}

async function runQr(args: string[], ctx: CliContext): Promise<number> {
  const { positional, options } = parseFlags(args, ["dossier", "out", "size"]);
  if (positional.length) return argumentError(ctx, `unexpected argument "${positional[0]}"`);
  if (!options.dossier) return argumentError(ctx, "--dossier CODE is required");
  if (!options.out) return argumentError(ctx, "--out FILE.png or FILE.svg is required");
  const format = /\.svg$/i.test(options.out) ? "svg" : /\.png$/i.test(options.out) ? "png" : undefined;
  if (!format) return argumentError(ctx, "--out must end in .png or .svg");
  const size = options.size ?? "58";
  if (!Object.hasOwn(RECEIPT_WIDTHS, size)) return argumentError(ctx, "--size must be 58 or 80");
  const db = await ctx.openDatabase();
  try {
    const inv = await createInvitationStore(db).findByDossier(options.dossier);
    if (!inv) {
      ctx.err(`hailong invitations: no invitation for dossier "${options.dossier}" (the centre's system creates it with POST /api/v1/dossiers).`);
      return 1;
    }
    const label = invitationQrLabel(inv, { publicBaseUrl: ctx.config.publicBaseUrl, t: createTranslator(), size: size as ReceiptSize });
    const renderer = createQrRenderer();
    fs.writeFileSync(operatorPath(ctx, options.out), format === "svg" ? renderer.svg(label) : await renderer.png(label));
    ctx.out(`${options.out}: QR code of ${landingUrl(ctx.config.publicBaseUrl, inv.token)}`);
    warnIfLoopback(ctx, "invitations qr");
    return 0;
  } finally {
    await db.close();
  }
}

export const invitationsCommand: Command = {
  summary: "invitations of finished dossiers: qr (the receipt label as PNG or SVG)",
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv;
    try {
      if (sub === "qr") return await runQr(rest, ctx);
      return argumentError(ctx, sub ? `unknown sub-command "${sub}"` : "a sub-command is required");
    } catch (e) {
      if (e instanceof ArgumentError) return argumentError(ctx, e.message);
      throw e;
    }
  },
};
