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

/** The DSO worked example (see daysSalesOutstanding.test.ts for the numbers by hand). */
export const workedExample = {
  documents: [
    inv("F1", { issueDate: "2025-12-15", dueDate: "2026-01-14", amountDue: "12000.00" }),
    inv("F2", { issueDate: "2026-01-10", dueDate: "2026-02-09", amountDue: "36000.00" }),
    inv("F3", { issueDate: "2026-02-10", dueDate: "2026-03-12", amountDue: "24000.00" }),
    inv("F4", { issueDate: "2026-03-15", dueDate: "2026-04-14", amountDue: "32400.00" }),
    avoir("AV1", "F4", "2400.00", "2026-03-20"),
  ],
  allocations: [pay("F1", "12000.00", "2026-01-20"), pay("F2", "36000.00", "2026-02-15"), pay("F3", "12000.00", "2026-03-20")],
};

