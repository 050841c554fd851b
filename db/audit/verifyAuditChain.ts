import { asc, eq, gt } from "drizzle-orm";
import type { Database } from "../database.js";
import { auditHead, auditLog } from "../schema/audit.js";
import { GENESIS_HASH, auditRowHash } from "./auditHash.js";

export type AuditChainReport =
  | { readonly ok: true; readonly rows: number; readonly lastHash: string }
  | {
      readonly ok: false;
      readonly rows: number;
      /** The first broken row (or the head when the tail was removed). */
      readonly seq: number;
      readonly problem: "hash_mismatch" | "prev_hash_mismatch" | "sequence_gap" | "head_mismatch";
      readonly expected: string;
      readonly found: string;
      /** French description naming the row. */
      readonly message: string;
    };

const PAGE = 5000;

/** Walks the audit chain in order and reports the first broken row precisely. */
export async function verifyAuditChain(db: Database): Promise<AuditChainReport> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let rows = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, expectedSeq - 1)).orderBy(asc(auditLog.seq)).limit(PAGE);
    for (const row of page) {
      if (row.seq !== expectedSeq) {
        return broken(rows, expectedSeq, "sequence_gap", `ligne ${expectedSeq}`, `ligne ${row.seq}`,
          `journal d'audit : la ligne ${expectedSeq} manque (ligne suivante trouvée : ${row.seq})`);
      }
      if (row.prevHash !== prevHash) {
        return broken(rows, row.seq, "prev_hash_mismatch", prevHash, row.prevHash,
          `journal d'audit : la ligne ${row.seq} ne pointe pas vers l'empreinte de la ligne précédente`);
      }
      const recomputed = auditRowHash(row);
      if (recomputed !== row.hash) {
        return broken(rows, row.seq, "hash_mismatch", recomputed, row.hash,
          `journal d'audit : la ligne ${row.seq} (${row.action}) a été modifiée : empreinte attendue ${recomputed}, trouvée ${row.hash}`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
      rows += 1;
    }
    if (page.length < PAGE) break;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const headSeq = head?.lastSeq ?? 0;
  if (headSeq !== rows || (head?.lastHash ?? GENESIS_HASH) !== prevHash) {
    return broken(rows, headSeq, "head_mismatch", `ligne ${headSeq}`, `ligne ${rows}`,
      `journal d'audit : la tête de chaîne annonce ${headSeq} lignes, ${rows} trouvées (lignes finales supprimées ?)`);
  }
  return { ok: true, rows, lastHash: prevHash };
}

function broken(
  rows: number,
  seq: number,
  problem: "hash_mismatch" | "prev_hash_mismatch" | "sequence_gap" | "head_mismatch",
  expected: string,
  found: string,
  message: string,
): AuditChainReport {
  return { ok: false, rows, seq, problem, expected, found, message };
}
