import { z } from "zod";
import { listProjectEntries, type ProjectEntry } from "../../db/repositories/projectDirectory.js";
import { defineTool } from "../toolDefinition.js";
import { isAmbiguous, rankByName } from "./nameMatch.js";

const InputSchema = z.object({
  query: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide").max(200, "200 caractères au plus").describe("nom approximatif du projet, d'un contrat, d'un jalon ou d'un lot"),
  clientId: z.number().int().positive().optional().describe("limiter la recherche aux projets de ce client"),
  includeClosed: z.boolean().default(false).describe("inclure les projets clos ou abandonnés"),
  limit: z.number().int().min(1).max(20).default(5),
});

const MatchedOnSchema = z.enum(["projet", "client", "contrat", "jalon", "lot"]);

export const FindProjectOutputSchema = z.object({
  candidates: z.array(
    z.object({
      projectId: z.number().int(),
      name: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      status: z.enum(["active", "closed", "abandoned"]),
      contracts: z.array(z.object({ contractId: z.number().int(), name: z.string(), pricing: z.string() })),
      score: z.number().min(0).max(1),
      matched: z.string().describe("le nom qui a correspondu"),
      matchedOn: MatchedOnSchema,
    }),
  ),
  ambiguous: z.boolean().describe("plusieurs candidats proches : demander à l'utilisateur lequel"),
});

type MatchedOn = z.infer<typeof MatchedOnSchema>;

/** The names a project can be found by, each with what it is. */
function namesOf(p: ProjectEntry): { name: string; on: MatchedOn }[] {
  const out: { name: string; on: MatchedOn }[] = [{ name: p.name, on: "projet" }];
  if (p.ref) out.push({ name: p.ref, on: "projet" });
  out.push({ name: `${p.clientName} ${p.name}`, on: "client" });
  for (const c of p.contracts) {
    out.push({ name: c.name, on: "contrat" });
    for (const item of c.schedule) {
      const label = typeof item.label === "string" ? item.label : undefined;
      const trigger = item.trigger as { name?: unknown } | undefined;
      if (label) out.push({ name: label, on: "jalon" });
      if (typeof trigger?.name === "string") out.push({ name: trigger.name, on: "jalon" });
    }
    const lots = (c.pricing as { lots?: { name?: unknown }[] }).lots ?? [];
    for (const lot of lots) if (typeof lot.name === "string") out.push({ name: lot.name, on: "lot" });
  }
  return out;
}

const PRICING_FR: Record<string, string> = { flat: "forfait", rate: "régie", per_action: "prix par action", lots: "lots (avancement)" };

export const findProjectTool = defineTool({
  name: "find_project",
  title: "Rechercher un projet",
  description:
    "Trouve un projet (dossier) à partir d'un nom approximatif : nom du projet, du client, d'un contrat, d'un jalon ou d'un lot " +
    "(fautes, accents, mots partiels tolérés). À utiliser avant les outils qui prennent un projectId. " +
    "Renvoie des candidats classés avec leur score et ce qui a correspondu ; si `ambiguous` est vrai, demander lequel.",
  inputSchema: InputSchema,
  outputSchema: FindProjectOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const entries = await listProjectEntries(ctx.db, { clientId: args.clientId, statuses: args.includeClosed ? undefined : ["active"] });
    const named = new Map(entries.map((e) => [e, namesOf(e)]));
    const ranked = rankByName(args.query, entries, (e) => (named.get(e) ?? []).map((n) => n.name), args.limit);
    const candidates = ranked.map(({ item, score, matched }) => ({
      projectId: item.id,
      name: item.name,
      clientId: item.clientId,
      clientName: item.clientName,
      status: item.status,
      contracts: item.contracts.map((c) => ({ contractId: c.id, name: c.name, pricing: PRICING_FR[String(c.pricing.type)] ?? String(c.pricing.type) })),
      score,
      matched,
      matchedOn: named.get(item)?.find((n) => n.name === matched)?.on ?? "projet",
    }));
    const ambiguous = isAmbiguous(ranked);
    const text =
      candidates.length === 0
        ? `Aucun projet ne correspond à « ${args.query} ».`
        : ambiguous
          ? `Plusieurs projets possibles pour « ${args.query} » : ${candidates.map((c) => `${c.name} (${c.clientName})`).join(", ")}. Lequel ?`
          : `Projet trouvé : ${candidates[0]?.name} pour ${candidates[0]?.clientName} (n° ${candidates[0]?.projectId}).`;
    return { structured: { candidates, ambiguous }, text };
  },
});
