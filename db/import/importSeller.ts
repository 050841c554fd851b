import { eq } from "drizzle-orm";
import { Decimal, toDecimal, toPlainString } from "../../engine/money/money.js";
import { validateNumberFormat } from "../../engine/numbering/invoiceNumber.js";
import { underField } from "./fieldPath.js";
import { findSellerSettings, saveSellerSettings, type SellerSettingsInput } from "../repositories/seller.js";
import { numberingSeries } from "../schema/numberingSeries.js";
import type { ImportContext } from "./importContext.js";
import type { SellerImport } from "./importFormat.js";
import { canonicalJson } from "../canonicalDigest.js";

/** The seller row values the file gives (absent optional members keep the database defaults). */
function sellerValues(s: SellerImport): SellerSettingsInput {
  return {
    legalName: s.legalName,
    legalForm: s.legalForm ?? null,
    registration: s.registration ?? null,
    siren: s.siren ?? null,
    siret: s.siret ?? null,
    vatNumber: s.vatNumber ?? null,
    addressLine1: s.address.line1,
    addressLine2: s.address.line2 ?? null,
    postalCode: s.address.postalCode,
    city: s.address.city,
    countryCode: s.address.countryCode,
    email: s.email ?? null,
    electronicAddress: s.electronicAddress ?? null,
    iban: s.iban ?? null,
    bic: s.bic ?? null,
    ...(s.paymentTerms ? { defaultPaymentTerms: s.paymentTerms } : {}),
    ...(s.latePenaltyRate ? { latePenaltyRate: toDecimal(s.latePenaltyRate) } : {}),
    ...(s.recoveryFee ? { recoveryFee: toDecimal(s.recoveryFee) } : {}),
    ...(s.financeApprovalThreshold ? { financeApprovalThreshold: toDecimal(s.financeApprovalThreshold) } : {}),
    ...(s.vatOnDebits !== undefined ? { vatOnDebits: s.vatOnDebits } : {}),
  };
}

/** Comparable form: decimals as their value, not their spelling ("12.15" = "12.150"). */
function comparable(values: Record<string, unknown>): string {
  return canonicalJson(
    Object.fromEntries(
      Object.entries(values)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, Decimal.isDecimal(v) ? toPlainString(v as Decimal) : v]),
    ),
  );
}

/**
 * Seller settings are settings, not records: they are written when they differ from the stored ones
 * (issued invoices keep their own snapshot), and left alone when identical. Numbering formats too.
 */
export async function importSeller(ctx: ImportContext, seller: SellerImport): Promise<void> {
  const values = sellerValues(seller);
  const stored = await findSellerSettings(ctx.tx);
  const storedSubset = stored ? Object.fromEntries(Object.keys(values).map((k) => [k, (stored as unknown as Record<string, unknown>)[k]])) : undefined;
  let changed = false;
  if (!storedSubset || comparable(storedSubset) !== comparable(values as Record<string, unknown>)) {
    await saveSellerSettings(ctx.tx, values);
    changed = true;
  }
  for (const [key, seriesId] of [["invoices", "F"], ["creditNotes", "AV"]] as const) {
    const format = seller.numbering?.[key];
    if (format === undefined) continue;
    await underField(`seller.numbering.${key}`, async () => validateNumberFormat(format, ""));
    const [series] = await ctx.tx.select().from(numberingSeries).where(eq(numberingSeries.id, seriesId));
    if (series?.format === format) continue;
    await ctx.tx.update(numberingSeries).set({ format }).where(eq(numberingSeries.id, seriesId));
    changed = true;
  }
  ctx.counts.seller[changed ? "created" : "unchanged"] += 1;
}
