import { asc, eq } from "drizzle-orm";
import { NotFoundError } from "../../engine/errors.js";
import type { Database } from "../database.js";
import { type NewOutboxEmailRow, type OutboxEmailRow, outboxEmails } from "../schema/outbox.js";

export type OutboxEmail = OutboxEmailRow;

/** Queues an e-mail (write it in the same transaction as the action; send after commit). */
export async function enqueueEmail(db: Database, input: Omit<NewOutboxEmailRow, "id" | "status" | "createdAt" | "sentAt" | "error">): Promise<OutboxEmail> {
  const [row] = await db.insert(outboxEmails).values(input).returning();
  if (!row) throw new NotFoundError("courriel non enregistré");
  return row;
}

export async function pendingEmails(db: Database): Promise<OutboxEmail[]> {
  return db.select().from(outboxEmails).where(eq(outboxEmails.status, "pending")).orderBy(asc(outboxEmails.id));
}

export async function markEmailSent(db: Database, id: number, options: { messageId?: string | undefined; at?: Date | undefined } = {}): Promise<OutboxEmail> {
  const [row] = await db
    .update(outboxEmails)
    .set({ status: "sent", sentAt: options.at ?? new Date(), messageId: options.messageId ?? null, error: null })
    .where(eq(outboxEmails.id, id))
    .returning();
  if (!row) throw new NotFoundError(`courriel ${id} introuvable`);
  return row;
}

export async function markEmailFailed(db: Database, id: number, error: string): Promise<OutboxEmail> {
  const [row] = await db.update(outboxEmails).set({ status: "failed", error }).where(eq(outboxEmails.id, id)).returning();
  if (!row) throw new NotFoundError(`courriel ${id} introuvable`);
  return row;
}
