import { and, eq } from "drizzle-orm";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { getClient } from "../repositories/clients.js";
import { findInvoice } from "../repositories/invoiceQueries.js";
import { reminders } from "../schema/reminders.js";
import type { ImportContext } from "./importContext.js";
import type { HistoryReminder } from "./importFormat.js";
import { importedAt } from "./importHistoryInvoices.js";

const SUBJECTS: Record<number, (number: string) => string> = {
  1: (n) => `Rappel : facture ${n} arrivée à échéance`,
  2: (n) => `Deuxième relance : facture ${n} impayée`,
  3: (n) => `Mise en demeure de payer : facture ${n}`,
  4: (n) => `Transmission au service contentieux : facture ${n}`,
};

/**
 * Imports reminders already sent (relances). A reminder is identified by its invoice, level and date;
 * one already there is skipped. The recipient defaults to the client's first billing contact.
 */
export async function importReminders(ctx: ImportContext, list: readonly HistoryReminder[]): Promise<void> {
  for (const [i, r] of list.entries()) {
    const field = `history.reminders[${i}]`;
    const invoice = await findInvoice(ctx.tx, r.invoice);
    if (!invoice || invoice.status === "draft") throw new NotFoundError(`facture « ${r.invoice} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.invoice` });
    if (invoice.kind === "credit_note") throw new RuleError("un avoir ne se relance pas", { field: `${field}.invoice` });
    if (invoice.dueDate !== null && r.date <= invoice.dueDate) throw new RuleError(`une relance suit l'échéance (${invoice.dueDate})`, { field: `${field}.date` });
    const [existing] = await ctx.tx
      .select({ id: reminders.id })
      .from(reminders)
      .where(and(eq(reminders.invoiceId, invoice.id), eq(reminders.level, r.level), eq(reminders.remindedOn, r.date)));
    if (existing) {
      ctx.counts.reminders.unchanged += 1;
      continue;
    }
    const client = await getClient(ctx.tx, invoice.clientId);
    const recipient = r.recipient ?? client.billingContacts[0]?.email;
    if (!recipient) throw new InputError("est obligatoire : le client n'a pas de contact de facturation", { field: `${field}.recipient` });
    await ctx.tx.insert(reminders).values({
      invoiceId: invoice.id,
      level: r.level,
      remindedOn: r.date,
      channel: r.channel,
      recipient,
      subject: r.subject ?? (SUBJECTS[r.level] ?? SUBJECTS[1])?.(r.invoice) ?? `Relance : facture ${r.invoice}`,
      status: "sent",
      createdBy: ctx.actor,
      sentAt: importedAt(r.date),
    });
    ctx.counts.reminders.created += 1;
  }
}
