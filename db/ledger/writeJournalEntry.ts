import { assertBalanced, type JournalEntry } from "../../engine/ledger/journalEntry.js";
import { toAmountString } from "../../engine/money/money.js";
import { SystemError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { ledgerEntries, ledgerLines } from "../schema/ledger.js";

/**
 * Writes a balanced journal entry (asserted here, and again by the deferred constraint trigger
 * at commit). Call it inside the transaction of the action it records.
 */
export async function writeJournalEntry(
  tx: Database,
  entry: JournalEntry,
  links: { invoiceId?: number | undefined; paymentId?: number | undefined },
): Promise<number> {
  assertBalanced(entry);
  const [row] = await tx
    .insert(ledgerEntries)
    .values({
      journal: entry.journal,
      entryDate: entry.date,
      kind: entry.kind,
      label: entry.label,
      invoiceId: links.invoiceId ?? null,
      paymentId: links.paymentId ?? null,
    })
    .returning({ id: ledgerEntries.id });
  if (!row) throw new SystemError("écriture comptable non enregistrée", { code: "ledger_write_failed" });
  await tx.insert(ledgerLines).values(
    entry.lines.map((line, position) => ({
      entryId: row.id,
      position,
      account: line.account,
      label: line.label,
      debit: toAmountString(line.debit),
      credit: toAmountString(line.credit),
      invoiceId: line.invoiceId ?? null,
    })),
  );
  return row.id;
}
