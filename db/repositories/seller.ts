import { eq } from "drizzle-orm";
import { NotFoundError } from "../../engine/errors.js";
import type { Seller } from "../../engine/invoice/invoiceDocument.js";
import { type Decimal, toAmountString, toDecimal } from "../../engine/money/money.js";
import { validateNumberFormat } from "../../engine/numbering/invoiceNumber.js";
import type { PaymentTerms } from "../../engine/terms/paymentTerms.js";
import type { Database } from "../database.js";
import { numberingSeries } from "../schema/numberingSeries.js";
import { type NewSellerSettingsRow, type SellerSettingsRow, sellerSettings } from "../schema/seller.js";

export interface SellerSettings extends Omit<SellerSettingsRow, "latePenaltyRate" | "recoveryFee" | "financeApprovalThreshold"> {
  readonly latePenaltyRate: Decimal;
  readonly recoveryFee: Decimal;
  readonly financeApprovalThreshold: Decimal;
}

export type SellerSettingsInput = Omit<NewSellerSettingsRow, "id" | "updatedAt" | "latePenaltyRate" | "recoveryFee" | "financeApprovalThreshold"> & {
  latePenaltyRate?: Decimal | undefined;
  recoveryFee?: Decimal | undefined;
  financeApprovalThreshold?: Decimal | undefined;
};

function fromRow(row: SellerSettingsRow): SellerSettings {
  return {
    ...row,
    latePenaltyRate: toDecimal(row.latePenaltyRate),
    recoveryFee: toDecimal(row.recoveryFee),
    financeApprovalThreshold: toDecimal(row.financeApprovalThreshold),
  };
}

export async function findSellerSettings(db: Database): Promise<SellerSettings | undefined> {
  const [row] = await db.select().from(sellerSettings).where(eq(sellerSettings.id, 1));
  return row ? fromRow(row) : undefined;
}

export async function getSellerSettings(db: Database): Promise<SellerSettings> {
  const found = await findSellerSettings(db);
  if (!found) throw new NotFoundError("paramètres de l'entreprise absents : renseignez la raison sociale, l'adresse et le SIREN avant d'émettre");
  return found;
}

/** Creates or replaces the seller settings (one row). */
export async function saveSellerSettings(db: Database, input: SellerSettingsInput): Promise<SellerSettings> {
  const { latePenaltyRate, recoveryFee, financeApprovalThreshold, ...rest } = input;
  const values: NewSellerSettingsRow = {
    ...rest,
    id: 1,
    updatedAt: new Date(),
    ...(latePenaltyRate ? { latePenaltyRate: latePenaltyRate.toString() } : {}),
    ...(recoveryFee ? { recoveryFee: toAmountString(recoveryFee) } : {}),
    ...(financeApprovalThreshold ? { financeApprovalThreshold: toAmountString(financeApprovalThreshold) } : {}),
  };
  const [row] = await db.insert(sellerSettings).values(values).onConflictDoUpdate({ target: sellerSettings.id, set: values }).returning();
  if (!row) throw new NotFoundError("paramètres de l'entreprise non enregistrés");
  return fromRow(row);
}

/** Changes a numbering series' format (e.g. "FAC/{YY}/{NNNN}"); validated to give ≤ 35 allowed characters. */
export async function setNumberFormat(db: Database, seriesId: "F" | "AV", format: string): Promise<void> {
  validateNumberFormat(format, `numbering.${seriesId}`);
  const updated = await db.update(numberingSeries).set({ format }).where(eq(numberingSeries.id, seriesId)).returning();
  if (updated.length === 0) throw new NotFoundError(`série de numérotation « ${seriesId} » introuvable`);
}

export async function listNumberingSeries(db: Database) {
  return db.select().from(numberingSeries).orderBy(numberingSeries.id);
}

/** The seller as the invoice document shows it. */
export function sellerParty(s: SellerSettings): Seller {
  return {
    legalName: s.legalName,
    legalForm: s.legalForm ?? undefined,
    registration: s.registration ?? undefined,
    siren: s.siren ?? undefined,
    siret: s.siret ?? undefined,
    vatNumber: s.vatNumber ?? undefined,
    address: {
      line1: s.addressLine1,
      line2: s.addressLine2 ?? undefined,
      postalCode: s.postalCode,
      city: s.city,
      countryCode: s.countryCode,
    },
    email: s.email ?? undefined,
    electronicAddress: s.electronicAddress ?? undefined,
    iban: s.iban ?? undefined,
    bic: s.bic ?? undefined,
    latePenaltyRate: s.latePenaltyRate,
    vatOnDebits: s.vatOnDebits,
  };
}

export function defaultTerms(s: SellerSettings): PaymentTerms {
  return s.defaultPaymentTerms;
}
