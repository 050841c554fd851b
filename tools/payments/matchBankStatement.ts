import { z } from "zod";
import { listClients } from "../../db/repositories/clients.js";
import { loadReceivablesSnapshot } from "../../db/repositories/receivablesSnapshot.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { ZERO, toAmountString, toDecimal } from "../../engine/money/money.js";
import { type BankLine, MatchConfidenceSchema, matchBankLines, MatchRuleSchema } from "../../engine/payments/matchBankLines.js";
import type { OpenInvoice } from "../../engine/payments/openInvoice.js";
import { receivablesAsOf } from "../../engine/receivables/receivablesAsOf.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";

const CONFIDENCE_LABELS = { high: "forte", medium: "moyenne", low: "faible" } as const;

const InputSchema = z
  .object({
    lines: z
      .array(
        z.object({
          id: z.string().trim().min(1, "ne peut pas être vide").max(64, "64 caractères au plus").optional().describe("identifiant de la ligne (sinon « ligne-1 », « ligne-2 »…)"),
          date: IsoDateSchema,
          amount: AmountStringSchema.describe("montant en texte, positif pour un crédit (encaissement), négatif pour un débit"),
          label: z.string().max(500, "500 caractères au plus"),
        }),
      )
      .min(1, "au moins une ligne de relevé")
      .max(500, "500 lignes au plus par appel"),
    clientId: z.number().int().positive().optional().describe("ne chercher que parmi les factures de ce client"),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.lines.forEach((l, i) => {
      const id = l.id ?? `ligne-${i + 1}`;
      if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["lines", i, "id"], message: `identifiant de ligne en double (${id})` });
      seen.add(id);
    });
  });

const SuggestionSchema = z.object({
  clientId: z.number().int(),
  amount: AmountStringSchema,
  receivedOn: IsoDateSchema,
  reference: z.string(),
  allocations: z.array(z.object({ invoice: z.string(), amount: AmountStringSchema })),
});

const OutputSchema = z.object({
  matches: z.array(
    z.object({
      lineId: z.string(),
      invoiceId: z.number().int(),
      number: z.string(),
      clientId: z.number().int(),
      clientName: z.string(),
      amount: AmountStringSchema,
      rule: MatchRuleSchema,
      confidence: MatchConfidenceSchema,
      /** French. */
      reason: z.string(),
      /** The arguments of `record_payment` that would record this match (after a human checks it). */
      recordPayment: SuggestionSchema,
    }),
  ),
  unmatched: z.array(z.object({ lineId: z.string(), reason: z.string(), candidates: z.array(z.string()).describe("numéros des factures à examiner") })),
});

/** match_bank_statement: proposes which open invoice each bank credit pays. Read-only; recording is record_payment. */
export const matchBankStatementTool = defineTool({
  name: "match_bank_statement",
  title: "Rapprocher un relevé bancaire",
  description:
    "Propose, pour des lignes de relevé bancaire (date, montant, libellé), la facture ouverte que chaque encaissement règle, avec un " +
    "niveau de confiance et la raison en français (montant et numéro cités : forte ; montant et nom du client : moyenne ; montant seul : " +
    "faible), et explique les lignes sans correspondance (paiement partiel ou groupé, débit…). Ne modifie rien : chaque proposition " +
    "s'enregistre ensuite, après vérification, avec record_payment (arguments fournis).",
  inputSchema: InputSchema,
  outputSchema: OutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const [snapshot, clientRows] = await Promise.all([loadReceivablesSnapshot(ctx.db, { clientId: args.clientId }), listClients(ctx.db)]);
    const names = new Map(clientRows.map((c) => [String(c.id), c.name]));
    const open: OpenInvoice[] = receivablesAsOf(snapshot.documents, snapshot.allocations, today)
      .filter((r) => r.outstanding.greaterThan(ZERO))
      .map((r) => ({ ...r, clientName: r.clientName ?? names.get(r.clientId) ?? r.clientId }));
    const lines: BankLine[] = args.lines.map((l, i) => ({ id: l.id ?? `ligne-${i + 1}`, date: l.date, amount: toDecimal(l.amount), label: l.label }));
    const result = matchBankLines(lines, open);
    const invoiceById = new Map(open.map((o) => [o.invoiceId, o]));
    const numberOf = new Map(snapshot.documents.map((d) => [d.id, d.number]));
    const lineById = new Map(lines.map((l) => [l.id, l]));

    const matches = result.matches.flatMap((m) => {
      const invoice = invoiceById.get(m.invoiceId);
      const line = lineById.get(m.lineId);
      if (!invoice || !line) return [];
      const amount = toAmountString(m.amount);
      return [
        {
          lineId: m.lineId,
          invoiceId: Number.parseInt(m.invoiceId, 10),
          number: m.number,
          clientId: Number.parseInt(invoice.clientId, 10),
          clientName: invoice.clientName,
          amount,
          rule: m.rule,
          confidence: m.confidence,
          reason: m.reason,
          recordPayment: {
            clientId: Number.parseInt(invoice.clientId, 10),
            amount,
            receivedOn: line.date,
            reference: line.label.slice(0, 140) || m.number,
            allocations: [{ invoice: m.number, amount }],
          },
        },
      ];
    });
    const unmatched = result.unmatched.map((u) => ({ lineId: u.lineId, reason: u.reason, candidates: u.candidates.map((id) => numberOf.get(id) ?? id) }));
    const head = `${lines.length} ligne${lines.length > 1 ? "s" : ""} examinée${lines.length > 1 ? "s" : ""} : ${matches.length} proposition${matches.length > 1 ? "s" : ""}, ${unmatched.length} sans correspondance. Rien n'a été enregistré.`;
    const text = [
      head,
      ...matches.map((m) => {
        const line = lineById.get(m.lineId);
        return `- ${m.lineId}${line ? ` (${formatDateShortFr(line.date)}, ${formatEuros(line.amount)})` : ""} → ${m.number} (${m.clientName}), confiance ${CONFIDENCE_LABELS[m.confidence]} : ${m.reason}`;
      }),
      ...unmatched.map((u) => `- ${u.lineId} : ${u.reason}`),
    ].join("\n");
    return { structured: { matches, unmatched }, text };
  },
});
