import { z } from "zod";
import { listBankLines } from "../../db/repositories/bankLines.js";
import { listClients } from "../../db/repositories/clients.js";
import { loadReceivablePositions } from "../../db/repositories/receivablePositions.js";
import { endOfMonth, formatDateShortFr, isIsoDate, type IsoDate } from "../../engine/dates/plainDate.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { ZERO, toAmountString, toDecimal } from "../../engine/money/money.js";
import { type BankLine, MatchConfidenceSchema, matchBankLines, MatchRuleSchema } from "../../engine/payments/matchBankLines.js";
import type { OpenInvoice } from "../../engine/payments/openInvoice.js";
import { receivableOfPosition } from "../../engine/receivables/invoiceReceivable.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";

const CONFIDENCE_LABELS = { high: "forte", medium: "moyenne", low: "faible" } as const;

const MonthSchema = z
  .string({ error: "doit être un mois AAAA-MM" })
  .refine((m) => /^\d{4}-\d{2}$/.test(m) && isIsoDate(`${m}-01`), { message: "doit être un mois valide au format AAAA-MM, par exemple 2026-11" });

const MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

const InputSchema = z
  .object({
    month: MonthSchema.optional().describe("mois du relevé importé à rapprocher, AAAA-MM (ex. 2026-11 pour « le relevé de novembre »)"),
    from: IsoDateSchema.optional().describe("début de la période des lignes importées (AAAA-MM-JJ), à la place de month"),
    to: IsoDateSchema.optional().describe("fin de la période des lignes importées (AAAA-MM-JJ), à la place de month"),
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
      .max(500, "500 lignes au plus par appel")
      .optional()
      .describe("lignes collées par l'utilisateur ; sans ce champ, les lignes importées (facturation import-bank) et non rapprochées de la période"),
    clientId: z.number().int().positive().optional().describe("ne chercher que parmi les factures de ce client"),
  })
  .superRefine((v, ctx) => {
    const period = v.month !== undefined || v.from !== undefined || v.to !== undefined;
    if (v.lines !== undefined && period) ctx.addIssue({ code: "custom", path: ["lines"], message: "soit des lignes collées, soit une période (month ou from/to), pas les deux" });
    if (v.lines === undefined && !period) ctx.addIssue({ code: "custom", path: ["month"], message: "indiquez le mois du relevé importé (AAAA-MM), une période from/to, ou des lignes (lines)" });
    if (v.month !== undefined && (v.from !== undefined || v.to !== undefined)) ctx.addIssue({ code: "custom", path: ["month"], message: "soit month, soit from/to, pas les deux" });
    if (v.from !== undefined && v.to !== undefined && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "doit être postérieure ou égale à from" });
    const seen = new Set<string>();
    (v.lines ?? []).forEach((l, i) => {
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
  bankLineId: z.number().int().optional(),
});

export const MatchBankStatementOutputSchema = z.object({
  matches: z.array(
    z.object({
      lineId: z.string(),
      /** The stored statement line, when the lines were read from the imported statements. */
      bankLineId: z.number().int().optional(),
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
  unmatched: z.array(
    z.object({
      lineId: z.string(),
      bankLineId: z.number().int().optional(),
      date: IsoDateSchema,
      amount: AmountStringSchema,
      label: z.string(),
      reason: z.string(),
      candidates: z.array(z.string()).describe("numéros des factures à examiner"),
    }),
  ),
  /** The period read from the imported statements (absent when lines were pasted). */
  period: z.object({ from: IsoDateSchema, to: IsoDateSchema }).optional(),
});

/** The period asked for, as dates; an open end is the earliest / latest possible date. */
function periodOf(args: { month?: string | undefined; from?: IsoDate | undefined; to?: IsoDate | undefined }): { from: IsoDate; to: IsoDate } {
  if (args.month !== undefined) return { from: `${args.month}-01`, to: endOfMonth(`${args.month}-01`) };
  return { from: args.from ?? "0001-01-01", to: args.to ?? "9999-12-31" };
}

function describePeriod(args: { month?: string | undefined }, period: { from: IsoDate; to: IsoDate }): string {
  const wholeMonth = period.from.endsWith("-01") && period.to === endOfMonth(period.from) ? period.from.slice(0, 7) : undefined;
  const month = args.month ?? wholeMonth;
  if (month !== undefined) {
    const [year = "", monthNumber = "1"] = month.split("-");
    return `de ${MONTH_NAMES[Number.parseInt(monthNumber, 10) - 1] ?? monthNumber} ${year}`;
  }
  if (period.from === "0001-01-01") return `jusqu'au ${formatDateShortFr(period.to)}`;
  if (period.to === "9999-12-31") return `depuis le ${formatDateShortFr(period.from)}`;
  return `du ${formatDateShortFr(period.from)} au ${formatDateShortFr(period.to)}`;
}

/** match_bank_statement: proposes which open invoice each bank credit pays. Read-only; recording is record_payment. */
export const matchBankStatementTool = defineTool({
  name: "match_bank_statement",
  title: "Rapprocher un relevé bancaire",
  description:
    "Propose, pour les lignes d'un relevé bancaire, la facture ouverte que chaque encaissement règle, avec un " +
    "niveau de confiance et la raison en français (montant et numéro cités : forte ; montant et nom du client : moyenne ; montant seul : " +
    "faible), et explique les lignes sans correspondance (paiement partiel ou groupé, débit…). Ne modifie rien : chaque proposition " +
    "s'enregistre ensuite, après vérification, avec record_payment (arguments fournis, ligne de relevé comprise). Deux sources : le relevé " +
    "importé (facturation import-bank) — indiquer month (AAAA-MM, ex. « le relevé de novembre » → 2026-11) ou from/to, seuls les " +
    "encaissements pas encore rapprochés d'un paiement sont lus — ou des lignes collées (lines : date, montant, libellé).",
  inputSchema: InputSchema,
  outputSchema: MatchBankStatementOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  bindable: ["clientId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const period = args.lines === undefined ? periodOf(args) : undefined;
    const stored = period ? await listBankLines(ctx.db, { ...period, unmatchedOnly: true, creditsOnly: true }) : [];
    const bankLineIds = new Map(stored.map((row) => [`releve-${row.id}`, row.id]));
    const lines: BankLine[] = args.lines
      ? args.lines.map((l, i) => ({ id: l.id ?? `ligne-${i + 1}`, date: l.date, amount: toDecimal(l.amount), label: l.label }))
      : stored.map((row) => ({ id: `releve-${row.id}`, date: row.bookingDate, amount: toDecimal(row.amount), label: row.reference ? `${row.label} ${row.reference}` : row.label }));
    // The open invoices only, payments and credit notes summed by the database (not the whole history);
    // not read at all when there is no line to match.
    const [{ positions }, clientRows] =
      lines.length === 0 ? [{ positions: [] }, []] : await Promise.all([loadReceivablePositions(ctx.db, today, { clientId: args.clientId }), listClients(ctx.db)]);
    const names = new Map(clientRows.map((c) => [String(c.id), c.name]));
    const open: OpenInvoice[] = positions
      .map((p) => receivableOfPosition(p, today))
      .filter((r) => r.outstanding.greaterThan(ZERO))
      .map((r) => ({ ...r, clientName: r.clientName ?? names.get(r.clientId) ?? r.clientId }));
    const result = matchBankLines(lines, open);
    const invoiceById = new Map(open.map((o) => [o.invoiceId, o]));
    const numberOf = new Map(open.map((o) => [o.invoiceId, o.number]));
    const lineById = new Map(lines.map((l) => [l.id, l]));

    const matches = result.matches.flatMap((m) => {
      const invoice = invoiceById.get(m.invoiceId);
      const line = lineById.get(m.lineId);
      if (!invoice || !line) return [];
      const amount = toAmountString(m.amount);
      const bankLineId = bankLineIds.get(m.lineId);
      return [
        {
          lineId: m.lineId,
          ...(bankLineId !== undefined ? { bankLineId } : {}),
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
            ...(bankLineId !== undefined ? { bankLineId } : {}),
          },
        },
      ];
    });
    const unmatched = result.unmatched.flatMap((u) => {
      const line = lineById.get(u.lineId);
      if (!line) return [];
      const bankLineId = bankLineIds.get(u.lineId);
      return [
        {
          lineId: u.lineId,
          ...(bankLineId !== undefined ? { bankLineId } : {}),
          date: line.date,
          amount: toAmountString(line.amount),
          label: line.label,
          reason: u.reason,
          candidates: u.candidates.map((id) => numberOf.get(id) ?? id),
        },
      ];
    });
    const counts = `${matches.length} proposition${matches.length > 1 ? "s" : ""}, ${unmatched.length} sans correspondance. Rien n'a été enregistré.`;
    let head: string;
    if (period) {
      const when = describePeriod(args, period);
      head =
        lines.length === 0
          ? `Aucun encaissement importé et non rapproché ${when} : importez le relevé avec « facturation import-bank FICHIER ».`
          : `${lines.length} encaissement${lines.length > 1 ? "s" : ""} du relevé ${when} non rapproché${lines.length > 1 ? "s" : ""} : ${counts}`;
    } else {
      head = `${lines.length} ligne${lines.length > 1 ? "s" : ""} examinée${lines.length > 1 ? "s" : ""} : ${counts}`;
    }
    const text = [
      head,
      ...matches.map((m) => {
        const line = lineById.get(m.lineId);
        return `- ${m.lineId}${line ? ` (${formatDateShortFr(line.date)}, ${formatEuros(line.amount)})` : ""} → ${m.number} (${m.clientName}), confiance ${CONFIDENCE_LABELS[m.confidence]} : ${m.reason}`;
      }),
      ...unmatched.map((u) => `- ${u.lineId} : ${u.reason}`),
    ].join("\n");
    return { structured: { matches, unmatched, ...(period ? { period } : {}) }, text };
  },
});
