import { z } from "zod";
import { markInvoiceDisputed } from "../../db/repositories/invoiceStatusChanges.js";
import { RuleError } from "../../engine/errors.js";
import { defineTool } from "../toolDefinition.js";
import { InvoiceReferenceSchema, resolveInvoice } from "./invoiceReference.js";

const InputSchema = z
  .object({
    invoice: InvoiceReferenceSchema,
    disputed: z.boolean({ error: "doit valoir true (mettre en litige) ou false (lever le litige)" }),
    reason: z.string().trim().min(1, "ne peut pas être vide").max(500, "500 caractères au plus").optional().describe("motif du litige (obligatoire pour mettre en litige)"),
  })
  .superRefine((v, ctx) => {
    if (v.disputed && v.reason === undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "le motif est obligatoire pour mettre une facture en litige" });
  });

const OutputSchema = z.object({
  invoiceId: z.number().int(),
  number: z.string(),
  disputed: z.boolean(),
  reason: z.string().nullable(),
  /** False when the invoice was already in that state (nothing written). */
  changed: z.boolean(),
});

/** set_invoice_dispute: marks or clears a dispute on an issued invoice (audited; suspends reminders). */
export const setInvoiceDisputeTool = defineTool({
  name: "set_invoice_dispute",
  title: "Mettre en litige / lever un litige",
  description:
    "Marque une facture émise comme contestée par le client (avec le motif), ou lève le litige. Une facture en litige reste dans " +
    "l'encours mais n'est plus relancée ni payée automatiquement. À utiliser quand le client conteste (« Acme conteste la facture " +
    "F-2026-0042 : livrable incomplet ») ou quand le différend est réglé. Ne modifie aucun montant ; l'action est journalisée.",
  inputSchema: InputSchema,
  outputSchema: OutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  monetary: false,
  async handler(args, ctx) {
    const invoice = await resolveInvoice(ctx.db, args.invoice);
    if (invoice.number === null) throw new RuleError("un brouillon ne peut pas être contesté : émettez-le d'abord", { field: "invoice" });
    if (invoice.kind === "credit_note") throw new RuleError(`${invoice.number} est un avoir : seule une facture peut être mise en litige`, { field: "invoice" });
    const reason = args.disputed ? (args.reason ?? null) : null;
    if (invoice.disputed === args.disputed && invoice.disputeReason === reason) {
      const same = args.disputed ? `déjà en litige (${reason})` : "n'est pas en litige";
      return { structured: { invoiceId: invoice.id, number: invoice.number, disputed: args.disputed, reason, changed: false }, text: `La facture ${invoice.number} ${same} : rien n'a changé.` };
    }
    const updated = await markInvoiceDisputed(ctx.db, invoice.id, { disputed: args.disputed, reason: reason ?? undefined, actor: ctx.session.userId, channel: ctx.session.channel });
    const text = args.disputed
      ? `La facture ${invoice.number} est en litige (${reason}) : ses relances sont suspendues.`
      : `Le litige sur la facture ${invoice.number} est levé : le suivi des relances reprend.`;
    return { structured: { invoiceId: updated.id, number: invoice.number, disputed: updated.disputed, reason: updated.disputeReason, changed: true }, text };
  },
});
