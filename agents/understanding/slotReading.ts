import type { IsoDate } from "../../engine/dates/plainDate.js";
import { findAmounts } from "./amount.js";
import type { Catalog } from "./catalog.js";
import { findDayThresholds } from "./dayThreshold.js";
import { findEntityMentions, type EntityMention } from "./entityMentions.js";
import { findInvoiceNumbers } from "./invoiceNumber.js";
import { normalizeText } from "./normalizeText.js";
import { findPercentages } from "./percentage.js";
import { findPeriods, type Period } from "./period.js";
import { findQuantities } from "./quantity.js";
import { findDates } from "./relativeDate.js";
import { expandAbbreviations, vocabularyValues, type VocabularySlot } from "./slotVocabulary.js";
import type { TextSpan } from "./textSpan.js";

/** Everything one request says, before the intent picks what it needs: the single slot layer. */
export interface SlotReading {
  readonly mentions: readonly EntityMention[];
  readonly invoices: readonly string[];
  readonly percents: readonly string[];
  readonly quantities: readonly { quantity: string; unit: "day" | "hour"; end: number }[];
  readonly dates: readonly IsoDate[];
  readonly periods: readonly Period[];
  readonly overdueDays: readonly number[];
  /** Amounts written with a currency, with whether « plus de » came before (a threshold). */
  readonly amounts: readonly { amount: string; over: boolean }[];
  /** Numbers without a currency that can only be amounts (« Acme a payé 16200 »). */
  readonly bareAmounts: readonly string[];
  /** The request in canonical form, names and numbers replaced by their kind (« combien nous doit qqclient »). */
  readonly masked: string;
  /** The canonical text with the names masked, for the word-valued slots. */
  readonly words: string;
  readonly text: string;
}

const MASKS: Readonly<Record<string, string>> = {
  client: " qqclient ",
  project: " qqprojet ",
  milestone: " qqjalon ",
  lot: " qqlot ",
  beneficiary: " qqbenef ",
  invoice: " qqfacture ",
  percent: " qqpct ",
  quantity: " qqduree ",
  date: " qqdate ",
  days: " qqjours ",
  period: " qqperiode ",
  amount: " qqmontant ",
};

interface KindSpan extends TextSpan {
  readonly kind: keyof typeof MASKS;
}

function masked(text: string, spans: readonly KindSpan[]): string {
  let out = "";
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + (MASKS[s.kind] ?? " ");
    at = s.end;
  }
  return out + text.slice(at);
}

const blank = (text: string, spans: readonly TextSpan[]) => {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + " ".repeat(s.end - s.start) + out.slice(s.end);
  return out;
};

/**
 * Reads every slot value in `text`, each piece of text once, in a fixed order: invoice numbers,
 * percentages, time worked, dates, day thresholds, periods, amounts, then the database's names.
 */
export function readSlots(text: string, today: IsoDate, catalog: Catalog): SlotReading {
  const spans: KindSpan[] = [];
  let rest = text;
  const take = <T extends TextSpan>(kind: keyof typeof MASKS, found: readonly T[]): readonly T[] => {
    spans.push(...found.map((f) => ({ kind, start: f.start, end: f.end, raw: f.raw })));
    rest = blank(rest, found);
    return found;
  };
  const invoices = take("invoice", findInvoiceNumbers(rest)).map((m) => m.number);
  const percents = take("percent", findPercentages(rest)).map((m) => m.percent);
  const quantities = take("quantity", findQuantities(rest)).map((m) => ({ quantity: m.quantity, unit: m.unit, end: m.end }));
  const dates = take("date", findDates(rest, today)).map((m) => m.date);
  const overdueDays = take("days", findDayThresholds(rest)).map((m) => m.days);
  const periods = take("period", findPeriods(rest, today)).map((m) => m.period);
  const amountMatches = take("amount", findAmounts(rest));
  const folded = normalizeText(text);
  const amounts = amountMatches.map((m) => ({ amount: m.amount, over: /\b(plus de|au dela de|superieure?s? a|depassant|excedant)\s*$/.test(normalizeText(text.slice(Math.max(0, m.start - 20), m.start))) }));
  const bare = findAmounts(rest, { allowBare: true }).filter((m) => !m.withCurrency);
  const bareAmounts = bare.map((m) => m.amount);
  const mentions = findEntityMentions(rest, catalog);
  spans.push(...mentions.map((m) => ({ kind: m.kind, start: m.start, end: m.end, raw: m.raw })));
  spans.push(...bare.map((m) => ({ kind: "amount" as const, start: m.start, end: m.end, raw: m.raw })));
  const words = expandAbbreviations(normalizeText(masked(text, spans.filter((s) => ["client", "project", "milestone", "lot", "beneficiary", "invoice"].includes(s.kind)))));
  return {
    mentions,
    invoices,
    percents,
    quantities,
    dates,
    periods,
    overdueDays,
    amounts,
    bareAmounts,
    masked: expandAbbreviations(normalizeText(masked(text, spans))),
    words: folded === "" ? "" : words,
    text,
  };
}

/** The values of a word-valued slot in the request (names masked: « Nexa régie » says nothing of a kind). */
export function wordValues(reading: SlotReading, slot: VocabularySlot): string[] {
  return vocabularyValues(slot, reading.words);
}
