import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { createDraftInvoice } from "../../../db/repositories/invoices.js";
import { buildFacturxXml } from "../../../engine/einvoice/facturxXml.js";
import { NotFoundError, RuleError } from "../../../engine/errors.js";
import { toAmountString } from "../../../engine/money/money.js";
import { storedInvoiceDocument } from "../../../tools/documents/storedInvoiceDocument.js";
import { testBackends } from "../../db/backends.js";
import { line } from "../../db/fixtures.js";
import { writeOutput, xsdErrors } from "../../engine/einvoice/facturxTestKit.js";
import { seedDocuments } from "./seedDocuments.js";

describe.each(testBackends().slice(0, 1))("storedInvoiceDocument — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("rebuilds a final invoice with its deducted deposit, from the snapshots taken at issue", async () => {
    const { deposit, final } = await seedDocuments(h.db);
    const doc = await storedInvoiceDocument(h.db, final.number as string);
    expect(doc.kind).toBe("invoice");
    expect(doc.seller.siren).toBe("812345678");
    expect(doc.buyer.legalName).toBe("Acme Industrie");
    expect(doc.deductedDeposits.map((d) => [d.number, d.issueDate, toAmountString(d.amountDue)])).toEqual([[deposit.number, "2026-01-05", "3600.00"]]);
    expect(doc.lines[1]?.deducts).toEqual({ number: deposit.number, issueDate: "2026-01-05" });
    expect(toAmountString(doc.totals.amountDue)).toBe(toAmountString(final.amountDue));
    const xml = buildFacturxXml(doc);
    writeOutput(`db-${doc.number}.xml`, xml);
    expect(await xsdErrors(xml)).toEqual([]);
  });

  it("rebuilds a credit note with the invoice it cancels in full", async () => {
    const { plain, credit } = await seedDocuments(h.db);
    const doc = await storedInvoiceDocument(h.db, credit.id);
    expect(doc.kind).toBe("credit_note");
    expect(doc.corrects).toEqual({ number: plain.number, issueDate: "2026-05-04", reason: "Prestation annulée par le client", scope: "total" });
    expect(toAmountString(doc.totals.amountDue)).toBe("-2340.00");
  });

  it("refuses a draft and an unknown number", async () => {
    const { client } = await seedDocuments(h.db);
    const { invoice: draft } = await createDraftInvoice(h.db, { kind: "invoice", clientId: client.id, lines: [line("10.00")], createdBy: "test" });
    await expect(storedInvoiceDocument(h.db, draft.id)).rejects.toThrow(RuleError);
    await expect(storedInvoiceDocument(h.db, "F-9999-99999")).rejects.toThrow(NotFoundError);
  });
});
