import type { Catalog, CatalogEntry } from "../understanding/catalog.js";
import type { EntityRef } from "../understanding/entityMatch.js";
import { normalizeText } from "../understanding/normalizeText.js";
import { FindClientResultSchema, FindProjectResultSchema } from "./toolResults.js";
import type { ToolSession } from "./toolSession.js";

/** Words of a request that cannot be a name (billing vocabulary and common French words): never looked up. */
const NOT_A_NAME = new Set(
  (
    "les des une est sont pas plus moins pour par sur avec dans que qui quoi quel quelle quels quelles comment combien " +
    "facture factures facturer facturation facture facturons avoir acompte solde projet projets client clients jalon jalons lot lots " +
    "paiement paiements payer paye payee payees regle reglement relance relances relancer rappel mail email mise demeure retard retards " +
    "echeance echeances mois semaine jour jours annee trimestre hier aujourd demain matin soir ferme cordial cordiale prepare prepares " +
    "genere elements etat montre moi nous vous ils elles leur leurs notre nos votre vos ont fait faire fais peut peux doit faut atteint " +
    "valide validees validee lance emets emettre emission derniere dernier premier premiere toujours encore deja bien tres tout tous toutes " +
    "saisis ajoute enregistre enregistrer octobre novembre decembre janvier fevrier mars avril mai juin juillet aout septembre"
  ).split(" "),
);

interface ProjectEntry extends CatalogEntry {
  readonly clientId: number;
}

/**
 * The names references are matched against, read from the tools themselves (find_client /
 * find_project, through the agent's gateway) and cached for the conversation: each word of a
 * request that could be a name is looked up once; what the tools find (clients, projects, their
 * milestones and lots) extends the catalog the understanding matches against.
 */
export class ToolCatalog {
  private readonly clients = new Map<string, CatalogEntry>();
  private readonly projects = new Map<string, ProjectEntry>();
  private readonly milestones = new Map<string, CatalogEntry>();
  private readonly lots = new Map<string, CatalogEntry>();
  private readonly looked = new Set<string>();

  /** Looks up, with the tools this agent may call, the words of `text` not looked up yet. */
  async learnFrom(tools: ToolSession, text: string): Promise<void> {
    const words = [...new Set(normalizeText(text).split(" "))].filter((w) => w.length >= 3 && !/\d/.test(w) && !NOT_A_NAME.has(w));
    for (const word of words) {
      if (tools.can("find_client") && !this.looked.has(`client:${word}`)) {
        this.looked.add(`client:${word}`);
        const reply = await tools.call("find_client", { query: word, limit: 10 }, FindClientResultSchema);
        if (reply.ok) for (const c of reply.value.candidates) this.addClient(c.name, c.clientId);
      }
      if (tools.can("find_project") && !this.looked.has(`project:${word}`)) {
        this.looked.add(`project:${word}`);
        const reply = await tools.call("find_project", { query: word, limit: 10, includeClosed: true }, FindProjectResultSchema);
        if (reply.ok) {
          for (const p of reply.value.candidates) {
            this.addProject(p.name, p.projectId, p.clientName, p.clientId);
            if (p.matchedOn === "jalon") this.milestones.set(p.matched, { name: p.matched, parent: p.name });
            if (p.matchedOn === "lot") this.lots.set(p.matched, { name: p.matched, parent: p.name });
          }
        }
      }
    }
  }

  addClient(name: string, id: number): void {
    this.clients.set(name, { id: String(id), name });
  }

  addProject(name: string, id: number, clientName: string, clientId: number): void {
    this.projects.set(name, { id: String(id), name, parent: clientName, clientId });
    this.addClient(clientName, clientId);
  }

  catalog(): Catalog {
    return {
      clients: [...this.clients.values()],
      projects: [...this.projects.values()].map(({ id, name, parent }) => ({ id, name, ...(parent === undefined ? {} : { parent }) })),
      milestones: [...this.milestones.values()],
      lots: [...this.lots.values()],
    };
  }

  /** The client's id, looking it up by its exact name when the catalog does not know it yet. */
  async clientId(tools: ToolSession, ref: EntityRef | undefined): Promise<number | undefined> {
    if (ref?.status !== "matched") return undefined;
    const known = this.clients.get(ref.name);
    if (known?.id !== undefined) return Number.parseInt(known.id, 10);
    if (!tools.can("find_client")) return undefined;
    const reply = await tools.call("find_client", { query: ref.name, limit: 3 }, FindClientResultSchema);
    const exact = reply.ok ? reply.value.candidates.find((c) => c.name === ref.name) ?? (reply.value.ambiguous ? undefined : reply.value.candidates[0]) : undefined;
    if (exact === undefined) return undefined;
    this.addClient(exact.name, exact.clientId);
    return exact.clientId;
  }

  /** The project's id and client, looking it up by its exact name when needed. */
  async project(tools: ToolSession, ref: EntityRef | undefined): Promise<{ id: number; name: string; clientName: string; clientId: number } | undefined> {
    if (ref?.status !== "matched") return undefined;
    const known = this.projects.get(ref.name);
    if (known?.id !== undefined) return { id: Number.parseInt(known.id, 10), name: known.name, clientName: known.parent ?? "", clientId: known.clientId };
    if (!tools.can("find_project")) return undefined;
    const reply = await tools.call("find_project", { query: ref.name, limit: 3, includeClosed: true }, FindProjectResultSchema);
    const exact = reply.ok ? reply.value.candidates.find((c) => c.name === ref.name) : undefined;
    if (exact === undefined) return undefined;
    this.addProject(exact.name, exact.projectId, exact.clientName, exact.clientId);
    return { id: exact.projectId, name: exact.name, clientName: exact.clientName, clientId: exact.clientId };
  }

  /** The projects of a client known to the catalog. */
  projectsOf(clientName: string): { id: number; name: string }[] {
    return [...this.projects.values()].filter((p) => p.parent === clientName && p.id !== undefined).map((p) => ({ id: Number.parseInt(p.id ?? "0", 10), name: p.name }));
  }
}
