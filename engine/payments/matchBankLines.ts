import { z } from "zod";
import type { IsoDate } from "../dates/plainDate.js";
import { formatEuros } from "../money/formatEuros.js";
import { type Decimal, ZERO, toAmountString, toDecimal } from "../money/money.js";
import { AmountStringSchema } from "../wire/decimalString.js";
import { IsoDateSchema } from "../wire/isoDate.js";
import { inputErrorFromZod } from "../scenario/inputErrorFromZod.js";
import { compareOldestDueFirst, type OpenInvoice, OpenInvoiceWireSchema, openInvoiceFromWire } from "./openInvoice.js";

/** One line of a bank statement. Credits (money received) are positive. */
export interface BankLine {
  readonly id: string;
  readonly date: IsoDate;
  readonly amount: Decimal;
  readonly label: string;
}

export const MatchConfidenceSchema = z.enum(["high", "medium", "low"]);
export type MatchConfidence = z.infer<typeof MatchConfidenceSchema>;
export const MatchRuleSchema = z.enum(["amount_and_number", "amount_and_client", "amount_only"]);
export type MatchRule = z.infer<typeof MatchRuleSchema>;

/** A proposal: this bank line pays that invoice in full. Proposals only; a human confirms. */
export interface BankMatch {
  readonly lineId: string;
  readonly invoiceId: string;
  readonly number: string;
  readonly amount: Decimal;
  readonly rule: MatchRule;
  readonly confidence: MatchConfidence;
  /** French. */
  readonly reason: string;
}

export interface UnmatchedBankLine {
  readonly lineId: string;
  /** French: why no proposal, and what to look at. */
  readonly reason: string;
  /** Invoices worth a look (cited in the label, or same amount), possibly empty. */
  readonly candidates: readonly string[];
}

export interface BankMatchResult {
  readonly matches: readonly BankMatch[];
  readonly unmatched: readonly UnmatchedBankLine[];
}

const LEGAL_FORMS = new Set(["SA", "SAS", "SASU", "SARL", "EURL", "SCI", "SNC", "SCOP", "SELARL", "STE", "SOCIETE", "ETS", "ETABLISSEMENTS", "GROUPE", "CIE"]);

/** Upper case, no accents, letters and digits separated by single spaces. */
function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

/** True when the label cites the invoice number, separators optional ("F-2026-012" ≈ "F 2026 012" ≈ "F2026012"). */
export function labelCitesNumber(label: string, number: string): boolean {
  const parts = normalise(number).split(" ").filter(Boolean);
  if (parts.length === 0) return false;
  const pattern = new RegExp(`(?<![A-Z0-9])${parts.join(" ?")}(?![A-Z0-9])`);
  return pattern.test(normalise(label));
}

/** True when the label contains the client's name as whole words, legal forms (SAS, SARL…) ignored. */
export function labelCitesClient(label: string, clientName: string): boolean {
  const name = normalise(clientName).split(" ").filter((w) => w !== "" && !LEGAL_FORMS.has(w));
  if (name.length === 0 || name.join("").length < 3) return false;
  return ` ${normalise(label)} `.includes(` ${name.join(" ")} `);
}

const byDateThenId = (a: BankLine, b: BankLine) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.id.localeCompare(b.id));

/**
 * Proposes which open invoice each bank credit pays, in three passes, each on what earlier passes left:
 * 1. exact amount (= outstanding) and the invoice number in the label → confidence high;
 * 2. exact amount and the client's name in the label, when only one open invoice of that client has
 *    that amount → medium;
 * 3. exact amount alone, when exactly one open invoice and exactly one remaining line have that
 *    amount → low.
 * An invoice is proposed for at most one line (lines in date order). Debits, and lines nothing fits,
 * are returned unmatched with a French reason and the invoices worth a look (e.g. a partial payment
 * citing the number). Pure: nothing is recorded.
 */
export function matchBankLines(lines: readonly BankLine[], openInvoices: readonly OpenInvoice[]): BankMatchResult {
  const invoices = openInvoices.filter((i) => i.outstanding.greaterThan(ZERO)).sort(compareOldestDueFirst);
  const claimed = new Set<string>();
  const matched = new Map<string, BankMatch>();
  const credits = [...lines].filter((l) => l.amount.greaterThan(ZERO)).sort(byDateThenId);
  const free = () => invoices.filter((i) => !claimed.has(i.invoiceId));
  const propose = (line: BankLine, invoice: OpenInvoice, rule: MatchRule, confidence: MatchConfidence, reason: string) => {
    claimed.add(invoice.invoiceId);
    matched.set(line.id, { lineId: line.id, invoiceId: invoice.invoiceId, number: invoice.number, amount: line.amount, rule, confidence, reason });
  };

  for (const line of credits) {
    const hits = free().filter((i) => i.outstanding.equals(line.amount) && labelCitesNumber(line.label, i.number));
    const [hit] = hits;
    if (hits.length === 1 && hit) {
      propose(line, hit, "amount_and_number", "high", `Montant identique au reste dû (${formatEuros(line.amount)}) et numéro ${hit.number} cité dans le libellé.`);
    }
  }
  for (const line of credits.filter((l) => !matched.has(l.id))) {
    const hits = free().filter((i) => i.outstanding.equals(line.amount) && labelCitesClient(line.label, i.clientName));
    const [hit] = hits;
    if (hits.length === 1 && hit) {
      propose(line, hit, "amount_and_client", "medium", `Montant identique au reste dû de ${hit.number} (${formatEuros(line.amount)}) et client « ${hit.clientName} » reconnu dans le libellé.`);
    }
  }
  const pending = credits.filter((l) => !matched.has(l.id));
  for (const line of pending) {
    const hits = free().filter((i) => i.outstanding.equals(line.amount));
    const sameAmountLines = pending.filter((l) => !matched.has(l.id) && l.amount.equals(line.amount));
    const [hit] = hits;
    if (hits.length === 1 && hit && sameAmountLines.length === 1) {
      propose(line, hit, "amount_only", "low", `Seule facture ouverte de ce montant (${formatEuros(line.amount)}) : ${hit.number} (${hit.clientName}) ; ni numéro ni client dans le libellé, à vérifier.`);
    }
  }

  const unmatched: UnmatchedBankLine[] = [];
  for (const line of [...lines].sort(byDateThenId)) {
    if (matched.has(line.id)) continue;
    if (!line.amount.greaterThan(ZERO)) {
      unmatched.push({ lineId: line.id, reason: "Débit ou montant nul : ce n'est pas un encaissement client.", candidates: [] });
      continue;
    }
    const cited = invoices.filter((i) => labelCitesNumber(line.label, i.number));
    const sameAmount = free().filter((i) => i.outstanding.equals(line.amount));
    let reason: string;
    if (cited.length > 0) {
      const parts = cited.map((i) => `${i.number} (reste dû ${formatEuros(i.outstanding)}${claimed.has(i.invoiceId) ? ", déjà rapprochée d'une autre ligne" : ""})`);
      reason = `Le libellé cite ${parts.join(", ")} mais le montant reçu (${formatEuros(line.amount)}) ne correspond pas : paiement partiel ou groupé possible, à répartir à la main.`;
    } else if (sameAmount.length > 1) {
      reason = `Plusieurs factures ouvertes de ce montant (${sameAmount.map((i) => i.number).join(", ")}) : impossible de choisir sans numéro ni client reconnaissable.`;
    } else if (sameAmount.length === 1) {
      reason = `Plusieurs lignes du relevé ont ce montant (${formatEuros(line.amount)}) pour une seule facture ouverte : impossible de choisir.`;
    } else {
      reason = `Aucune facture ouverte ne correspond (${formatEuros(line.amount)}, « ${line.label} »).`;
    }
    unmatched.push({ lineId: line.id, reason, candidates: [...new Set([...cited, ...sameAmount].map((i) => i.invoiceId))] });
  }
  const order = new Map([...lines].sort(byDateThenId).map((l, i) => [l.id, i]));
  const matches = [...matched.values()].sort((a, b) => (order.get(a.lineId) ?? 0) - (order.get(b.lineId) ?? 0));
  return { matches, unmatched };
}

/* ---- wire ---- */

export const BankLineWireSchema = z.object({
  id: z.string().min(1, "ne peut pas être vide"),
  date: IsoDateSchema,
  amount: AmountStringSchema,
  label: z.string(),
});
export type BankLineWire = z.infer<typeof BankLineWireSchema>;

export const BankMatchResultWireSchema = z.object({
  matches: z.array(
    z.object({
      lineId: z.string(),
      invoiceId: z.string(),
      number: z.string(),
      amount: AmountStringSchema,
      rule: MatchRuleSchema,
      confidence: MatchConfidenceSchema,
      reason: z.string(),
    }),
  ),
  unmatched: z.array(z.object({ lineId: z.string(), reason: z.string(), candidates: z.array(z.string()) })),
});
export type BankMatchResultWire = z.infer<typeof BankMatchResultWireSchema>;

export function bankLineFromWire(wire: BankLineWire): BankLine {
  return { ...wire, amount: toDecimal(wire.amount) };
}

export function bankMatchResultToWire(result: BankMatchResult): BankMatchResultWire {
  return {
    matches: result.matches.map((m) => ({ ...m, amount: toAmountString(m.amount) })),
    unmatched: result.unmatched.map((u) => ({ ...u, candidates: [...u.candidates] })),
  };
}

export const MatchBankLinesInputSchema = z
  .object({ lines: z.array(BankLineWireSchema), openInvoices: z.array(OpenInvoiceWireSchema) })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.lines.forEach((l, i) => {
      if (seen.has(l.id)) ctx.addIssue({ code: "custom", path: ["lines", i, "id"], message: `identifiant de ligne en double (${l.id})` });
      seen.add(l.id);
    });
  });
export type MatchBankLinesInput = z.input<typeof MatchBankLinesInputSchema>;

/** Tool-facing entry: parses the wire input (throws `InputError` naming the field), proposes, answers in strings. */
export function matchBankLinesWire(input: unknown): BankMatchResultWire {
  const parsed = MatchBankLinesInputSchema.safeParse(input);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  return bankMatchResultToWire(matchBankLines(parsed.data.lines.map(bankLineFromWire), parsed.data.openInvoices.map(openInvoiceFromWire)));
}
