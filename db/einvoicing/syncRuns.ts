import { desc } from "drizzle-orm";
import type { Database } from "../database.js";
import { paSyncRuns } from "../schema/lifecycle.js";

/** Where the next `pa sync` starts (`updatedAfter`): the latest flow update the previous runs saw. */
export async function lastSyncCursor(db: Database): Promise<string | undefined> {
  const [row] = await db.select({ updatedAfter: paSyncRuns.updatedAfter }).from(paSyncRuns).orderBy(desc(paSyncRuns.id)).limit(1);
  return row?.updatedAfter;
}

export async function recordSyncRun(db: Database, run: { updatedAfter: string; flowsSeen: number; at: Date }): Promise<void> {
  await db.insert(paSyncRuns).values({ updatedAfter: run.updatedAfter, flowsSeen: run.flowsSeen, ranAt: run.at });
}
