import { and, asc, eq, gt, gte, isNull, lte, type SQL } from "drizzle-orm";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { RuleError, NotFoundError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { bankLines, type BankLineRow } from "../schema/bankLines.js";

export interface BankLineFilter {
  readonly from?: IsoDate | undefined;
  readonly to?: IsoDate | undefined;
  readonly account?: string | undefined;
  /** Only lines not yet linked to a payment. */
  readonly unmatchedOnly?: boolean | undefined;
  /** Only credits (money received). */
  readonly creditsOnly?: boolean | undefined;
}

/** Stored statement lines, oldest booking date first. */
export async function listBankLines(db: Database, filter: BankLineFilter = {}): Promise<BankLineRow[]> {
  const where: SQL[] = [];
  if (filter.from !== undefined) where.push(gte(bankLines.bookingDate, filter.from));
  if (filter.to !== undefined) where.push(lte(bankLines.bookingDate, filter.to));
  if (filter.account !== undefined) where.push(eq(bankLines.account, filter.account));
  if (filter.unmatchedOnly) where.push(isNull(bankLines.paymentId));
  if (filter.creditsOnly) where.push(gt(bankLines.amount, "0"));
  return db
    .select()
    .from(bankLines)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(asc(bankLines.bookingDate), asc(bankLines.id));
}

export async function findBankLine(db: Database, id: number): Promise<BankLineRow | undefined> {
  const [row] = await db.select().from(bankLines).where(eq(bankLines.id, id));
  return row;
}

/**
 * Links a statement line to the payment recorded from it, inside the caller's transaction. The
 * line is locked; it must exist and not be linked to another payment (linking it again to the
 * same payment is a no-op, so a replayed execution is harmless).
 */
export async function linkBankLineToPayment(tx: Database, bankLineId: number, paymentId: number, field = "bankLineId"): Promise<BankLineRow> {
  const [line] = await tx.select().from(bankLines).where(eq(bankLines.id, bankLineId)).for("update");
  if (!line) throw new NotFoundError(`ligne de relevé ${bankLineId} introuvable`, { field });
  if (line.paymentId === paymentId) return line;
  if (line.paymentId !== null) {
    throw new RuleError(`la ligne de relevé ${bankLineId} est déjà rapprochée du paiement n° ${line.paymentId}`, { field, code: "bank_line_already_matched" });
  }
  const [updated] = await tx.update(bankLines).set({ paymentId }).where(and(eq(bankLines.id, bankLineId), isNull(bankLines.paymentId))).returning();
  if (!updated) throw new RuleError(`la ligne de relevé ${bankLineId} vient d'être rapprochée d'un autre paiement`, { field, code: "bank_line_already_matched" });
  return updated;
}

/** Locks a statement line in the caller's transaction and checks it is not linked to a payment yet. */
export async function lockUnmatchedBankLine(tx: Database, bankLineId: number, field = "bankLineId"): Promise<BankLineRow> {
  const [line] = await tx.select().from(bankLines).where(eq(bankLines.id, bankLineId)).for("update");
  if (!line) throw new NotFoundError(`ligne de relevé ${bankLineId} introuvable`, { field });
  if (line.paymentId !== null) {
    throw new RuleError(`la ligne de relevé ${bankLineId} est déjà rapprochée du paiement n° ${line.paymentId}`, { field, code: "bank_line_already_matched" });
  }
  return line;
}
