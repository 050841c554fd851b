import type { Database } from "../../../db/database.js";
import { createDraftInvoice } from "../../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../../db/repositories/issueInvoice.js";
import { Decimal } from "../../../engine/money/money.js";
import { issueSimple, line, seedBasics } from "../../db/fixtures.js";

/** A deposit, the final invoice that deducts it, a plain invoice and a credit note cancelling it. */
export async function seedDocuments(db: Database) {
  const { client, contract } = await seedBasics(db);
  const deposit = await issueSimple(db, client.id, "2026-01-05", "3000.00", { kind: "deposit", lines: [line("3000.00", { label: "Acompte 30 %" })] });
  const final = await issueSimple(db, client.id, "2026-04-30", "0", {
    contractId: contract.id,
    lines: [
      line("10000.00", { label: "Forfait refonte — solde" }),
      line("-3000.00", { label: `Acompte ${deposit.number} déduit`, deductsInvoiceId: deposit.id }),
    ],
  });
  const plain = await issueSimple(db, client.id, "2026-05-04", "0", {
    lines: [line("650.00", { label: "Journée de conseil", quantity: new Decimal("3"), unitPrice: new Decimal("650.00"), net: new Decimal("1950.00"), unitCode: "DAY" })],
  });
  const { invoice: creditDraft } = await createDraftInvoice(db, {
    kind: "credit_note",
    clientId: client.id,
    issueDate: "2026-05-06",
    lines: [line("-1950.00", { label: "Annulation de la facture", quantity: new Decimal("3"), unitPrice: new Decimal("-650.00"), net: new Decimal("-1950.00"), unitCode: "DAY" })],
    correctsInvoiceId: plain.id,
    correctionReason: "Prestation annulée par le client",
    createdBy: "test",
  });
  const credit = (await issueInvoice(db, { invoiceId: creditDraft.id, actor: "test", channel: "test" })).invoice;
  return { client, deposit, final, plain, credit };
}
