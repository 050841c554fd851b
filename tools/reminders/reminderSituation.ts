import { type Client, getClient } from "../../db/repositories/clients.js";
import type { StoredInvoice } from "../../db/repositories/storedInvoice.js";
import { loadReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import { reminderHistory } from "../../db/repositories/reminderHistory.js";
import { dunningLevelOfColumn } from "../../db/repositories/reminderLevelColumn.js";
import { findSellerSettings } from "../../db/repositories/seller.js";
import { formatDateShortFr, type IsoDate } from "../../engine/dates/plainDate.js";
import type { SentReminder } from "../../engine/dunning/nextDunningStep.js";
import { latePenalty } from "../../engine/dunning/latePenalty.js";
import { RuleError, SystemError } from "../../engine/errors.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import type { InvoiceReceivable } from "../../engine/receivables/invoiceReceivable.js";
import type { PaymentAllocation } from "../../engine/receivables/receivableDocument.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import type { ReminderInput, ReminderLevel, ReminderSeller } from "../mail/reminderInput.js";
import { reminderPenalties } from "../mail/reminderPenalties.js";
import type { ToolDatabase } from "../toolDatabase.js";

/** Everything a reminder of one invoice is made of, read from the ledger and the records as of a date. */
export interface ReminderSituation {
  readonly invoice: StoredInvoice & { readonly number: string; readonly dueDate: IsoDate; readonly issueDate: IsoDate };
  readonly client: Client;
  /** What the engine says is owed on `asOf` (credit notes and payments up to that date). */
  readonly receivable: InvoiceReceivable;
  /** This invoice's payment allocations up to `asOf`. */
  readonly allocations: readonly PaymentAllocation[];
  /** The last reminder actually sent (pre-due included), for the dunning policy. */
  readonly lastSent: SentReminder | null;
  /** The client's billing contact: the ONLY possible recipient. */
  readonly recipient: { readonly email: string; readonly name: string | undefined };
  readonly asOf: IsoDate;
}

/**
 * Loads the situation of an issued invoice on `asOf`. Refuses (RuleError naming `field`) a draft, a
 * credit note, a cancelled invoice, and a client record without a billing e-mail.
 */
export async function loadReminderSituation(db: ToolDatabase, invoice: StoredInvoice, asOf: IsoDate, field = "invoice"): Promise<ReminderSituation> {
  const { number, dueDate, issueDate } = invoice;
  if (invoice.status === "draft" || number === null || dueDate === null || issueDate === null) {
    throw new RuleError("un brouillon de facture ne se relance pas : émettez-le d'abord", { field, code: "not_issued" });
  }
  if (invoice.kind === "credit_note") throw new RuleError(`${number} est un avoir : il ne se relance pas`, { field, code: "credit_note" });
  if (invoice.status === "cancelled") throw new RuleError(`la facture ${number} est annulée : elle ne se relance pas`, { field, code: "invoice_cancelled" });
  const snapshot = await loadReceivablesSnapshot(db, { clientId: invoice.clientId });
  const id = String(invoice.id);
  const receivable = receivablesAsOf(snapshot.documents, snapshot.allocations, asOf).find((r) => r.invoiceId === id);
  if (!receivable) {
    throw new RuleError(`la facture ${number} est datée du ${formatDateShortFr(issueDate)}, après le ${formatDateShortFr(asOf)}`, { field, code: "not_issued_yet" });
  }
  const allocations = snapshot.allocations.filter((a) => a.invoiceId === id && a.date <= asOf);
  const sent = (await reminderHistory(db, { invoiceId: invoice.id })).filter((e) => e.reminder.status === "sent" && e.reminder.remindedOn <= asOf);
  const last = sent.at(-1);
  const lastLevel = last === undefined ? undefined : dunningLevelOfColumn(last.reminder.level);
  const client = await getClient(db, invoice.clientId);
  const contact = client.billingContacts.find((c) => c.email.trim() !== "");
  if (!contact) {
    throw new RuleError(`la fiche client de ${client.name} n'a pas d'adresse e-mail de facturation : complétez-la avant de relancer`, {
      field: "client.billingContacts",
      code: "no_billing_email",
    });
  }
  return {
    invoice: { ...invoice, number, dueDate, issueDate },
    client,
    receivable,
    allocations,
    lastSent: last && lastLevel ? { level: lastLevel, date: last.reminder.remindedOn } : null,
    recipient: { email: contact.email.trim(), name: contact.name?.trim() || undefined },
    asOf,
  };
}

/** A paid or disputed invoice is never reminded: the French reason, as a RuleError naming `field`. */
export function refuseUnremindable(situation: ReminderSituation, field = "invoice"): void {
  const { invoice, receivable } = situation;
  if (receivable.outstanding.isZero()) {
    throw new RuleError(`la facture ${invoice.number} est soldée au ${formatDateShortFr(situation.asOf)} : aucune relance à envoyer`, { field, code: "invoice_paid" });
  }
  if (invoice.disputed) {
    const why = invoice.disputeReason ? ` (${invoice.disputeReason})` : "";
    throw new RuleError(`la facture ${invoice.number} est en litige${why} : les relances sont suspendues jusqu'à la levée du litige`, { field, code: "invoice_disputed" });
  }
}

async function mailSeller(db: ToolDatabase, invoice: StoredInvoice): Promise<ReminderSeller> {
  const snapshot = invoice.sellerSnapshot;
  if (!snapshot) throw new SystemError(`la facture ${invoice.number ?? invoice.id} n'a pas d'émetteur enregistré`, { code: "invoice_seller_missing" });
  const settings = await findSellerSettings(db);
  const email = settings?.email?.trim() || snapshot.email?.trim();
  if (!email) {
    throw new RuleError("l'entreprise n'a pas d'adresse e-mail : renseignez-la dans ses paramètres avant d'envoyer une relance", { field: "seller.email", code: "no_seller_email" });
  }
  const address = snapshot.address;
  return {
    legalName: snapshot.legalName,
    email,
    addressLines: [address.line1, ...(address.line2 ? [address.line2] : []), `${address.postalCode} ${address.city}`],
    ...(snapshot.siren ? { siren: snapshot.siren } : {}),
    ...(snapshot.iban ? { iban: snapshot.iban } : {}),
    ...(snapshot.bic ? { bic: snapshot.bic } : {}),
  };
}

/**
 * The reminder e-mail's input for `level` on the situation's date: seller (From, signature), the client
 * record's billing contact, the invoice figures of the engine and, for a mise en demeure (R3), the late
 * penalties and the 40 € indemnity computed by `engine/dunning/latePenalty`.
 */
export async function reminderInputFor(db: ToolDatabase, situation: ReminderSituation, level: ReminderLevel): Promise<ReminderInput> {
  const { invoice, receivable, asOf } = situation;
  const owed = receivable.amountDue.minus(receivable.credited);
  let penalties: ReminderInput["penalties"];
  if (level === "r3") {
    const rate = toDecimal(invoice.sellerSnapshot?.latePenaltyRate ?? "0");
    const penalty = latePenalty({ amountDue: owed, dueDate: invoice.dueDate, payments: situation.allocations, annualRatePercent: rate }, asOf);
    penalties = reminderPenalties(penalty, rate);
  }
  return {
    level,
    asOf,
    seller: await mailSeller(db, invoice),
    client: {
      name: situation.client.name,
      billingEmail: situation.recipient.email,
      ...(situation.recipient.name ? { contactName: situation.recipient.name } : {}),
    },
    invoice: {
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      amountDue: toAmountString(owed),
      outstanding: toAmountString(receivable.outstanding),
    },
    ...(penalties ? { penalties } : {}),
  };
}
