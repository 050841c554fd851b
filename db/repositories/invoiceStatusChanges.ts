import { eq } from "drizzle-orm";
import { NotFoundError, RuleError } from "../../engine/errors.js";
import { appendAudit } from "../audit/appendAudit.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { type InvoiceRow, invoices } from "../schema/invoices.js";
import { type StoredInvoice, invoiceFromRow } from "./storedInvoice.js";

// Status changes allowed on issued invoices: sent, disputed / dispute closed.

async function lockIssued(tx: Database, invoiceId: number): Promise<InvoiceRow> {
  const [row] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("no key update");
  if (!row) throw new NotFoundError(`facture ${invoiceId} introuvable`, { field: "invoiceId" });
  if (row.status === "draft") throw new RuleError("un brouillon ne peut pas être envoyé ni contesté : émettez-le d'abord", { field: "invoiceId", code: "not_issued" });
  return row;
}

export async function markInvoiceSent(
  db: Database,
  invoiceId: number,
  options: { channel: string; actor: string; at?: Date | undefined },
): Promise<StoredInvoice> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const row = await lockIssued(tx, invoiceId);
      const at = options.at ?? new Date();
      const [updated] = await tx
        .update(invoices)
        .set({ status: row.status === "issued" ? "sent" : row.status, sentAt: at, sentChannel: options.channel })
        .where(eq(invoices.id, invoiceId))
        .returning();
      await appendAudit(tx, { actor: options.actor, channel: options.channel, action: "invoice_sent", subjectType: "invoice", subjectId: row.number ?? invoiceId, at });
      return invoiceFromRow(updated ?? row);
    }),
  );
}

export async function markInvoiceDisputed(
  db: Database,
  invoiceId: number,
  options: { disputed: boolean; reason?: string | undefined; actor: string; channel: string; at?: Date | undefined },
): Promise<StoredInvoice> {
  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const row = await lockIssued(tx, invoiceId);
      const at = options.at ?? new Date();
      const [updated] = await tx
        .update(invoices)
        .set({ disputed: options.disputed, disputeReason: options.disputed ? (options.reason ?? null) : null, disputedAt: options.disputed ? at : null })
        .where(eq(invoices.id, invoiceId))
        .returning();
      await appendAudit(tx, {
        actor: options.actor,
        channel: options.channel,
        action: options.disputed ? "invoice_disputed" : "invoice_dispute_closed",
        subjectType: "invoice",
        subjectId: row.number ?? invoiceId,
        details: options.reason ? { reason: options.reason } : {},
        at,
      });
      return invoiceFromRow(updated ?? row);
    }),
  );
}
