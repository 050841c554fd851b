import { Decimal } from "../../../engine/money/money.js";
import type { PaymentAllocation, ReceivableDocument } from "../../../engine/receivables/receivableDocument.js";

/** A fresh invoice for a test; amounts as strings, overridable. */
export function inv(id: string, overrides: Partial<Omit<ReceivableDocument, "amountDue">> & { amountDue?: string } = {}): ReceivableDocument {
  const { amountDue = "1000.00", ...rest } = overrides;
  return {
    id,
    number: `F-${id}`,
    kind: "invoice",
    issueDate: "2026-01-01",
    dueDate: "2026-01-31",
    clientId: "acme",
    clientName: "Acme",
    ...rest,
    amountDue: new Decimal(amountDue),
  };
}

/** A credit note correcting `invoiceId`; `amount` is given positive and stored negative. */
export function avoir(id: string, invoiceId: string, amount: string, issueDate = "2026-01-15", clientId = "acme"): ReceivableDocument {
  return {
    id,
    number: `AV-${id}`,
    kind: "credit_note",
    issueDate,
    dueDate: issueDate,
    clientId,
    clientName: "Acme",
    amountDue: new Decimal(amount).negated(),
    correctsInvoiceId: invoiceId,
  };
}

export function pay(invoiceId: string, amount: string, date = "2026-01-20"): PaymentAllocation {
  return { invoiceId, amount: new Decimal(amount), date };
}
