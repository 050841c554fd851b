import { z } from "zod";

/** One name the database knows (a client, project, milestone, lot or beneficiary). */
export const CatalogEntrySchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  /** The owning client (for a project) or project (for a milestone, lot, beneficiary), by name. */
  parent: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** The names references are matched against; the caller reads them from the database. */
export const CatalogSchema = z.object({
  clients: z.array(CatalogEntrySchema).optional(),
  projects: z.array(CatalogEntrySchema).optional(),
  milestones: z.array(CatalogEntrySchema).optional(),
  lots: z.array(CatalogEntrySchema).optional(),
  beneficiaries: z.array(CatalogEntrySchema).optional(),
});
export type Catalog = z.infer<typeof CatalogSchema>;

export const EntityKindSchema = z.enum(["client", "project", "milestone", "lot", "beneficiary"]);
export type EntityKind = z.infer<typeof EntityKindSchema>;

export function catalogEntries(catalog: Catalog, kind: EntityKind): readonly CatalogEntry[] {
  const byKind: Record<EntityKind, readonly CatalogEntry[] | undefined> = {
    client: catalog.clients,
    project: catalog.projects,
    milestone: catalog.milestones,
    lot: catalog.lots,
    beneficiary: catalog.beneficiaries,
  };
  return byKind[kind] ?? [];
}
