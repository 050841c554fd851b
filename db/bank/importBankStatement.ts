import { InputError } from "../../engine/errors.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import { appendAudit } from "../audit/appendAudit.js";
import { canonicalJson, sha256Hex } from "../canonicalDigest.js";
import type { Database } from "../database.js";
import { withDatabaseErrors } from "../postgresError.js";
import { bankLines, type NewBankLineRow } from "../schema/bankLines.js";
import type { ParsedBankLine, ParsedBankStatement } from "./bankStatement.js";

/** The account name used when neither the file nor the user names one. */
export const DEFAULT_BANK_ACCOUNT = "principal";

export interface ImportBankStatementInput {
  readonly statement: ParsedBankStatement;
  /** The account the lines belong to (IBAN or a name); defaults to the file's IBAN, else « principal ». */
  readonly account?: string | undefined;
  readonly fileName: string;
  readonly actor: string;
  readonly now?: Date | undefined;
}

export interface ImportBankStatementResult {
  readonly account: string;
  readonly batch: string;
  /** Lines read from the file. */
  readonly read: number;
  /** Lines stored now. */
  readonly inserted: number;
  /** Lines already stored by an earlier import (same account, date, amount, label, reference). */
  readonly alreadyImported: number;
  /** Period of the file (first and last booking date). */
  readonly from: string;
  readonly to: string;
}

/**
 * The key that makes a re-import a no-op: sha256 of the account, booking date, amount, label,
 * reference and the line's rank among identical lines of the same file (so two identical bank
 * fees on the same day are two lines, and importing the file again adds neither).
 */
export function bankLineKey(account: string, line: Pick<ParsedBankLine, "bookingDate" | "amount" | "label" | "reference">, occurrence: number): string {
  return sha256Hex(canonicalJson({ account, bookingDate: line.bookingDate, amount: toAmountString(toDecimal(line.amount)), label: line.label, reference: line.reference, occurrence }));
}

/**
 * Stores a parsed statement in ONE transaction: every line or none. Lines already imported are
 * skipped (unique key), so importing the same file twice changes nothing. An audit row records the
 * import when it stored something.
 */
export async function importBankStatement(db: Database, input: ImportBankStatementInput): Promise<ImportBankStatementResult> {
  const given = input.account?.trim();
  if (given !== undefined && given === "") throw new InputError("ne peut pas être vide", { field: "--account" });
  const fileAccount = input.statement.account;
  if (given !== undefined && fileAccount !== null && given.replace(/\s/g, "") !== fileAccount.replace(/\s/g, "")) {
    throw new InputError(`le fichier est le relevé du compte ${fileAccount}, pas de ${given}`, { field: "--account" });
  }
  const account = fileAccount ?? given ?? DEFAULT_BANK_ACCOUNT;
  const lines = input.statement.lines;
  if (lines.length === 0) throw new InputError("aucune opération dans le relevé", { field: input.fileName });
  for (const line of lines) {
    if (toDecimal(line.amount).isZero()) throw new InputError("montant nul", { field: line.source });
  }
  const now = input.now ?? new Date();
  const batch = `${input.fileName} ${now.toISOString()}`;
  const seen = new Map<string, number>();
  const rows: NewBankLineRow[] = lines.map((line) => {
    const identity = canonicalJson([line.bookingDate, toAmountString(toDecimal(line.amount)), line.label, line.reference]);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      account,
      bookingDate: line.bookingDate,
      valueDate: line.valueDate,
      amount: toAmountString(toDecimal(line.amount)),
      label: line.label,
      reference: line.reference,
      importBatch: batch,
      uniqueKey: bankLineKey(account, line, occurrence),
      importedBy: input.actor,
      importedAt: now,
    };
  });
  const dates = lines.map((l) => l.bookingDate).sort();
  const from = dates[0] ?? "";
  const to = dates[dates.length - 1] ?? "";

  return withDatabaseErrors(() =>
    db.transaction(async (tx) => {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const stored = await tx.insert(bankLines).values(rows.slice(i, i + 500)).onConflictDoNothing({ target: bankLines.uniqueKey }).returning({ id: bankLines.id });
        inserted += stored.length;
      }
      if (inserted > 0) {
        await appendAudit(tx, {
          actor: input.actor,
          channel: "import",
          action: "bank_statement_imported",
          subjectType: "bank_statement",
          subjectId: batch,
          details: { account, file: input.fileName, read: rows.length, inserted, from, to },
          at: now,
        });
      }
      return { account, batch, read: rows.length, inserted, alreadyImported: rows.length - inserted, from, to };
    }),
  );
}
