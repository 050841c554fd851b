import { z } from "zod";
import { findInvoice } from "../../db/repositories/invoiceQueries.js";
import { type StoredInvoice } from "../../db/repositories/storedInvoice.js";
import { NotFoundError } from "../../engine/errors.js";
import type { ToolDatabase } from "../toolDatabase.js";

/** How a tool's caller names an invoice: its number ("F-2026-0042"), or its id for a draft ("12"). */
export const InvoiceReferenceSchema = z
  .string({ error: "doit être un numéro de facture (texte), par exemple \"F-2026-0042\"" })
  .trim()
  .min(1, "ne peut pas être vide")
  .max(64, "trop long pour un numéro de facture")
  .describe("numéro de la facture (par exemple « F-2026-0042 ») ou, pour un brouillon, son identifiant");

/** The invoice with this number, else (for digits only) with this id; a French NotFoundError naming `field` otherwise. */
export async function resolveInvoice(db: ToolDatabase, reference: string, field = "invoice"): Promise<StoredInvoice> {
  const byNumber = await findInvoice(db, reference);
  if (byNumber) return byNumber;
  if (/^\d{1,9}$/.test(reference)) {
    const byId = await findInvoice(db, Number.parseInt(reference, 10));
    if (byId) return byId;
  }
  throw new NotFoundError(`aucune facture ${reference}`, { field });
}
