import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toDecimal } from "../../engine/money/money.js";
import { unwrap } from "../../engine/result.js";
import { SCENARIO_FORMAT, ScenarioSchema } from "../../engine/scenario/scenario.js";
import { ScenarioOutputSchema, toScenarioOutput } from "../../engine/scenario/scenarioOutput.js";
import { simulateScenario } from "../../engine/scenario/simulateScenario.js";
import { defineTool } from "../toolDefinition.js";

const KIND_FR = { invoice: "facture", deposit: "facture d'acompte", credit_note: "avoir" } as const;

/** simulate_schedule: replays a billing schedule on hypothetical events, without touching the ledger. */
export const simulateScheduleTool = defineTool({
  name: "simulate_schedule",
  title: "Simuler un échéancier",
  description:
    "Rejoue un échéancier de facturation (tarification, échéances, conditions, acomptes à déduire, solde) sur une suite d'événements " +
    "datés et renvoie les factures qu'il produirait (dates, échéances, lignes, HT, TVA, TTC). À utiliser pour vérifier un paramétrage " +
    "ou répondre à « que facturerait-on si… ? ». Ne crée ni n'émet aucune facture.",
  inputSchema: z.object({
    scenario: ScenarioSchema.omit({ format: true }).describe(
      "le dossier à rejouer, au format des fichiers de scénario (tarification, échéancier, événements) sans le champ format",
    ),
  }),
  outputSchema: ScenarioOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  async handler(args) {
    const { result } = unwrap(simulateScenario({ ...args.scenario, format: SCENARIO_FORMAT }));
    const output = toScenarioOutput(result);
    const total = sum(output.invoices.map((invoice) => toDecimal(invoice.amountDue)));
    const lines = output.invoices.map((i) => `${KIND_FR[i.kind]} du ${formatDateShortFr(i.date)} : ${formatEuros(toDecimal(i.amountDue))} TTC`);
    const count = output.invoices.length;
    const head = count === 0 ? "Aucune facture produite." : `${count} ${count === 1 ? "document produit" : "documents produits"}, ${formatEuros(total)} TTC au total`;
    return { structured: output, text: [head + (output.closed ? " ; dossier soldé." : "."), ...lines].join("\n") };
  },
});
