import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { Catalog, CatalogEntry } from "../../agents/understanding/catalog.js";
import { DEMO_CLIENTS, DEMO_OCCASIONAL_CLIENTS, demoProjects, occasionalProject, type DemoProject } from "../../db/demo/demoCompany.js";

/** The names of the demo company as the offline understanding would learn them from the tools. */
export function demoCatalog(today: IsoDate): Catalog {
  const clients = [...DEMO_CLIENTS, ...DEMO_OCCASIONAL_CLIENTS];
  const nameOf = new Map(clients.map((c) => [c.ref, c.name]));
  const projects: DemoProject[] = [...demoProjects(today).map((p) => p.project), ...DEMO_OCCASIONAL_CLIENTS.map(occasionalProject)];
  const milestones: CatalogEntry[] = [];
  const lots: CatalogEntry[] = [];
  for (const project of projects) {
    for (const contract of project.contracts ?? []) {
      for (const item of contract.schedule ?? []) {
        const trigger = item.trigger as { on: string; name?: string };
        const name = trigger.on === "signature" ? "signature" : trigger.name;
        if (name !== undefined && !milestones.some((m) => m.name === name && m.parent === project.name)) milestones.push({ name, parent: project.name });
      }
      const pricing = contract.pricing as { type: string; lots?: { name: string }[] };
      for (const lot of pricing.lots ?? []) lots.push({ name: lot.name, parent: project.name });
    }
  }
  return {
    clients: clients.map((c, i) => ({ id: String(i + 1), name: c.name })),
    projects: projects.map((p, i) => ({ id: String(i + 1), name: p.name, parent: nameOf.get(p.client) ?? p.client })),
    milestones,
    lots,
    beneficiaries: [{ id: "1", name: "Jean Dupont" }],
  };
}
