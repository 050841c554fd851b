import type { Catalog } from "../catalog.js";
import { readFillers } from "./expandTemplates.js";

/** The names the corpus's fillers use, as a catalog: what training masks (the database's names at run time). */
export function corpusCatalog(): Catalog {
  const f = readFillers();
  const entries = (list: readonly { value: string }[]) => list.map((e, i) => ({ id: String(i + 1), name: e.value }));
  return { clients: entries(f.client), projects: entries(f.project), milestones: entries(f.milestone), lots: entries(f.lot), beneficiaries: entries(f.beneficiary) };
}
