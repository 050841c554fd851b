import { asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../database.js";
import { clients } from "../schema/clients.js";
import { type ContractRow, type ProjectRow, contracts, projects } from "../schema/projects.js";

/** A project with its client's name and its contracts: what name searches and overviews read. */
export interface ProjectEntry extends ProjectRow {
  readonly clientName: string;
  readonly contracts: readonly ContractRow[];
}

/** Every project (optionally of one client / with given statuses) with its client name and contracts, by name. */
export async function listProjectEntries(
  db: Database,
  filter: { readonly clientId?: number | undefined; readonly statuses?: readonly ProjectRow["status"][] | undefined } = {},
): Promise<ProjectEntry[]> {
  const rows = await db
    .select({ project: projects, clientName: clients.name })
    .from(projects)
    .innerJoin(clients, eq(clients.id, projects.clientId))
    .where(filter.clientId !== undefined ? eq(projects.clientId, filter.clientId) : undefined)
    .orderBy(asc(projects.name), asc(projects.id));
  const wanted = rows.filter((r) => !filter.statuses || filter.statuses.includes(r.project.status));
  if (wanted.length === 0) return [];
  const contractRows = await db
    .select()
    .from(contracts)
    .where(inArray(contracts.projectId, wanted.map((r) => r.project.id)))
    .orderBy(asc(contracts.id));
  return wanted.map((r) => ({ ...r.project, clientName: r.clientName, contracts: contractRows.filter((c) => c.projectId === r.project.id) }));
}
