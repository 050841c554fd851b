import QRCode from "qrcode";
import type { Decimal } from "../money/money.js";
import { toAmountString } from "../money/money.js";

/**
 * The EPC QR code of a SEPA credit transfer (European Payments Council, EPC069-12 v3.0, « girocode »):
 * the payload banking apps read to pre-fill a transfer. Version 002 (BIC optional), UTF-8, SCT,
 * amount in euros with two decimals, the invoice number as the unstructured remittance information.
 */
export interface EpcTransfer {
  /** Beneficiary name (max 70 characters). */
  readonly name: string;
  readonly iban: string;
  readonly bic?: string | undefined;
  /** 0.01 to 999 999 999.99 €. */
  readonly amount: Decimal;
  /** Unstructured remittance (max 140 characters): the invoice number. */
  readonly remittance: string;
}

const clean = (s: string, max: number): string => s.replace(/[\r\n]+/g, " ").trim().slice(0, max);

/** The EPC payload (lines joined by LF), or undefined when the amount cannot be paid by a transfer. */
export function epcPayload(t: EpcTransfer): string | undefined {
  if (!t.amount.greaterThanOrEqualTo("0.01") || t.amount.greaterThan("999999999.99")) return undefined;
  return [
    "BCD",
    "002",
    "1",
    "SCT",
    t.bic ? t.bic.replace(/\s/g, "").toUpperCase() : "",
    clean(t.name, 70),
    t.iban.replace(/\s/g, "").toUpperCase(),
    `EUR${toAmountString(t.amount)}`,
    "",
    "",
    clean(t.remittance, 140),
  ].join("\n");
}

/** The QR code's modules (error correction M, as EPC069-12 requires): `dark(row, col)` over `size` × `size`. */
export interface QrMatrix {
  readonly size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(payload: string): QrMatrix {
  const code = QRCode.create(payload, { errorCorrectionLevel: "M" });
  const { size, data } = code.modules;
  return { size, dark: (row, col) => Boolean(data[row * size + col]) };
}
