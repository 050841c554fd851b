import { z } from "zod";
import { listClients } from "../../db/repositories/clients.js";
import { defineTool } from "../toolDefinition.js";
import { isAmbiguous, rankByName } from "./nameMatch.js";

const InputSchema = z.object({
  query: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide").max(200, "200 caractères au plus").describe("nom approximatif du client (fautes, accents et mots partiels tolérés)"),
  limit: z.number().int().min(1).max(20).default(5).describe("nombre maximal de candidats"),
});

export const FindClientOutputSchema = z.object({
  candidates: z.array(
    z.object({
      clientId: z.number().int(),
      name: z.string(),
      siren: z.string().nullable(),
      city: z.string(),
      score: z.number().min(0).max(1).describe("1 = nom identique"),
      matched: z.string().describe("le nom ou l'identifiant qui a correspondu"),
    }),
  ),
  ambiguous: z.boolean().describe("plusieurs candidats proches : demander à l'utilisateur lequel"),
});

export const findClientTool = defineTool({
  name: "find_client",
  title: "Rechercher un client",
  description:
    "Trouve un client à partir d'un nom approximatif (fautes de frappe, accents, casse, mot partiel, SIREN). " +
    "À utiliser dès qu'un client est nommé, pour obtenir son identifiant avant tout autre outil. " +
    "Renvoie des candidats classés avec un score ; si `ambiguous` est vrai, demander à l'utilisateur de choisir.",
  inputSchema: InputSchema,
  outputSchema: FindClientOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  async handler(args, ctx) {
    const all = await listClients(ctx.db);
    const ranked = rankByName(args.query, all, (c) => [c.name, ...(c.ref ? [c.ref] : []), ...(c.siren ? [c.siren] : [])], args.limit);
    const candidates = ranked.map(({ item, score, matched }) => ({ clientId: item.id, name: item.name, siren: item.siren, city: item.city, score, matched }));
    const ambiguous = isAmbiguous(ranked);
    const text =
      candidates.length === 0
        ? `Aucun client ne correspond à « ${args.query} ».`
        : ambiguous
          ? `Plusieurs clients possibles pour « ${args.query} » : ${candidates.map((c) => c.name).join(", ")}. Lequel ?`
          : `Client trouvé : ${candidates[0]?.name} (n° ${candidates[0]?.clientId}).`;
    return { structured: { candidates, ambiguous }, text };
  },
});
