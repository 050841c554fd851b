import { z } from "zod";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/** The formats `facturation import-bank` reads. */
export const BANK_STATEMENT_FORMATS = ["csv", "camt053"] as const;
export const BankStatementFormatSchema = z.enum(BANK_STATEMENT_FORMATS, { error: "format inconnu (csv ou camt053)" });
export type BankStatementFormat = z.infer<typeof BankStatementFormatSchema>;

/** One line read from a statement file, before it is stored. Credits positive, debits negative. */
export const ParsedBankLineSchema = z.object({
  bookingDate: IsoDateSchema,
  valueDate: IsoDateSchema.nullable(),
  amount: AmountStringSchema,
  label: z.string(),
  reference: z.string().nullable(),
  /** Where the line came from, for French error messages: "releve.csv ligne 4". */
  source: z.string(),
});
export type ParsedBankLine = z.infer<typeof ParsedBankLineSchema>;

/** A statement read from a file: its lines and, when the file says it (CAMT.053), the account's IBAN. */
export interface ParsedBankStatement {
  readonly account: string | null;
  readonly lines: readonly ParsedBankLine[];
}

/** Labels are compared and stored with single spaces, so a re-export with other spacing is the same line. */
export function normaliseLabel(label: string): string {
  return label.replace(/[\s\u00a0\u202f]+/g, " ").trim();
}
