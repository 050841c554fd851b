import { addDays, type IsoDate } from "../../engine/dates/plainDate.js";
import type { SpecialistAgentName } from "../definitions/agentName.js";
import { catalogEntries, type Catalog, type EntityKind } from "./catalog.js";
import type { ConversationContext } from "./conversationContext.js";
import { matchEntity, type EntityRef } from "./entityMatch.js";
import type { Intent, InvoiceKind, ReminderLevel } from "./intent.js";
import type { IntentScore } from "./intentScores.js";
import { INTENT_AGENTS, type BillingIntentName } from "./intentName.js";
import { splitClauses } from "./clauses.js";
import { foldSameLength, normalizeText } from "./normalizeText.js";
import { outOfScopeReply } from "./outOfScope.js";
import type { Period } from "./period.js";
import { MIN_INTENT_SCORE, analyseRequest } from "./routeRequest.js";
import { extractSlots, type Slots } from "./slots.js";

export interface UnderstandOptions {
  /** The current date (ISO); relative dates are resolved against it, never against the clock. */
  readonly today: IsoDate;
  /** The database's names to match references against. */
  readonly catalog?: Catalog;
  /** The conversation so far, as returned by the previous call. */
  readonly context?: ConversationContext;
}

export interface Understanding {
  readonly intent: Intent;
  /**
   * What to do, in the order the user said it: one intent per agent for a request with several
   * ("facture le jalon et dis-moi où en sont les paiements"); otherwise just `[intent]`.
   */
  readonly steps: Intent[];
  /** The agents to run, in order (empty when out of scope, unknown or a bare confirmation). */
  readonly agents: SpecialistAgentName[];
  /** The context to pass back with the next request. */
  readonly context: ConversationContext;
}

const YES = /^(oui|o|yes|ok|okay|d accord|vas y|go|confirme|je confirme|valide|je valide|c est bon|parfait|allez|bien sur|absolument|tout a fait)( (oui|vas y|merci|stp|svp|c est bon|go))*$/;
const NO = /^(non|n|no|annule|laisse tomber|pas maintenant|stop|surtout pas|non merci|abandonne|on arrete)( (merci|stp|svp|annule))*$/;

/**
 * Reads one French request: the intent, its slots and the agents to run. Relative dates use
 * `today`; names are matched approximately against `catalog`; a missing client, project or
 * invoice is taken from `context`, and a bare follow-up ("et pour Atlas ?") repeats the previous
 * intent with the new reference. Deterministic, no I/O.
 */
export function understand(text: string, options: UnderstandOptions): Understanding {
  const { today, catalog = {}, context = {} } = options;
  const canonical = normalizeText(text);
  const single = (intent: Intent, agents: SpecialistAgentName[], next: ConversationContext): Understanding => ({ intent, steps: [intent], agents, context: next });
  if (YES.test(canonical)) return single({ intent: "confirm", answer: "yes" }, [...(context.agents ?? [])], context);
  if (NO.test(canonical)) return single({ intent: "confirm", answer: "no" }, [...(context.agents ?? [])], context);

  const analysis = analyseRequest(text, context);
  if (analysis.outOfScope) {
    return single({ intent: "out_of_scope", reason: analysis.outOfScope, reply: outOfScopeReply(text) }, [], context);
  }
  if (!analysis.intent) return single({ intent: "unknown" }, [], context);

  const slots = extractSlots(text, today);
  const refs = resolveReferences(text, catalog, context);
  const intent = buildIntent(refineIntent(analysis.intent, analysis.scores), text, slots, refs, today);
  // Naming another client or project leaves the invoice discussed so far behind.
  const newSubject = matchedName(refs.client) !== undefined || matchedName(refs.project) !== undefined;
  const invoice = slots.invoiceNumbers[0]?.number ?? (newSubject ? undefined : context.invoice);
  const { invoice: _previousInvoice, ...kept } = context;
  const nextContext: ConversationContext = {
    ...kept,
    ...(matchedName(refs.client) === undefined ? {} : { client: matchedName(refs.client) }),
    ...(matchedName(refs.project) === undefined ? {} : { project: matchedName(refs.project) }),
    ...(invoice === undefined ? {} : { invoice }),
    intent: analysis.intent,
    agents: analysis.agents,
  };
  const covered = new Set(INTENT_AGENTS[analysis.intent]);
  const multi = analysis.agents.some((a) => !covered.has(a));
  const steps = multi ? clauseSteps(text, today, catalog, context) : [intent];
  return { intent, steps: steps.length > 0 ? steps : [intent], agents: analysis.agents, context: nextContext };
}

/** One intent per agent, clause by clause; a clause without a name inherits the previous clause's. */
function clauseSteps(text: string, today: IsoDate, catalog: Catalog, context: ConversationContext): Intent[] {
  const steps: Intent[] = [];
  const seen = new Set<string>();
  let running = context;
  for (const clause of splitClauses(text)) {
    const analysis = analyseRequest(clause.raw);
    if (!analysis.intent || analysis.outOfScope || analysis.intentScore < MIN_INTENT_SCORE) continue;
    const refs = resolveReferences(clause.raw, catalog, running);
    const name = refineIntent(analysis.intent, analysis.scores);
    const key = INTENT_AGENTS[name].join("+");
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push(buildIntent(name, clause.raw, extractSlots(clause.raw, today), refs, today));
    running = {
      ...running,
      ...(matchedName(refs.client) === undefined ? {} : { client: matchedName(refs.client) }),
      ...(matchedName(refs.project) === undefined ? {} : { project: matchedName(refs.project) }),
    };
  }
  return steps;
}

/**
 * "prepare_invoice" is the generic reading of a billing verb; a more specific event of the same
 * agent with real evidence of its own is what the request is about ("Dupont a abandonné, que
 * doit-on facturer ?" is an abandonment).
 */
const SPECIFIC_OVER_GENERIC: readonly [BillingIntentName, number][] = [
  ["abandonment", 2.5],
  ["issue_credit_note", 3],
  ["billing_status", 3.5],
  ["month_end_realized", 3],
  ["record_time", 2.5],
];

function refineIntent(intent: BillingIntentName, scores: readonly IntentScore[]): BillingIntentName {
  if (intent !== "prepare_invoice") return intent;
  const scoreOf = (name: BillingIntentName) => scores.find((s) => s.intent === name)?.score ?? 0;
  return SPECIFIC_OVER_GENERIC.find(([name, min]) => scoreOf(name) >= min)?.[0] ?? intent;
}

interface References {
  readonly client: EntityRef | undefined;
  readonly project: EntityRef | undefined;
  readonly milestone: EntityRef | undefined;
  readonly lot: EntityRef | undefined;
  readonly beneficiary: EntityRef | undefined;
  readonly invoiceNumber: string | undefined;
}

const matchedName = (ref: EntityRef | undefined) => (ref?.status === "matched" && !ref.fromContext ? ref.name : undefined);

function resolveReferences(text: string, catalog: Catalog, context: ConversationContext): References {
  const find = (kind: EntityKind) => matchEntity(text, catalogEntries(catalog, kind));
  const parentOf = (ref: EntityRef | undefined): EntityRef | undefined => {
    if (ref?.status !== "matched") return undefined;
    const parent = catalogEntries(catalog, "project").find((p) => p.name === ref.name)?.parent;
    const entry = parent === undefined ? undefined : catalogEntries(catalog, "client").find((c) => c.name === parent);
    return entry ? { status: "matched", name: entry.name, ...(entry.id === undefined ? {} : { id: entry.id }), score: ref.score } : undefined;
  };
  const fromContext = (name: string | undefined): EntityRef | undefined => (name === undefined ? undefined : { status: "matched", name, score: 1, fromContext: true });
  const project = find("project");
  const client = find("client") ?? parentOf(project);
  // a project named in the text replaces the context's project, and its client the context's client
  return {
    client: client ?? (project ? undefined : fromContext(context.client)),
    project: project ?? (client ? undefined : fromContext(context.project)),
    milestone: find("milestone"),
    lot: find("lot"),
    beneficiary: find("beneficiary"),
    // the invoice discussed so far, unless the text names another client or project
    invoiceNumber: client || project ? undefined : context.invoice,
  };
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

function buildIntent(name: BillingIntentName, text: string, slots: Slots, refs: References, today: IsoDate): Intent {
  const folded = foldSameLength(text);
  const period: Period | undefined = slots.periods[0]?.period;
  const date = slots.dates[0]?.date;
  const invoiceNumber = slots.invoiceNumbers[0]?.number;
  const amount = slots.amounts[0]?.amount;
  const percent = slots.percentages.at(-1)?.percent;
  const client = opt("client", refs.client);
  const project = opt("project", refs.project);
  switch (name) {
    case "prepare_invoice":
    case "record_milestone": {
      const kind = invoiceKind(folded, refs);
      const billing = name === "prepare_invoice" || /\bfactur/.test(folded);
      if (!billing) return { intent: "record_milestone", ...project, ...opt("milestone", refs.milestone), ...opt("date", date) };
      return { intent: "prepare_invoice", ...client, ...project, ...opt("milestone", refs.milestone), ...opt("kind", kind), ...opt("percent", percent), ...opt("amount", amount), ...opt("period", period) };
    }
    case "record_time": {
      const q = slots.quantities[0];
      return { intent: "record_time", ...client, ...project, ...opt("quantity", q?.quantity), ...opt("unit", q?.unit), ...opt("activity", q ? activityAfter(text, q.end) : undefined), ...opt("period", period) };
    }
    case "record_progress":
      return { intent: "record_progress", ...project, ...opt("lot", refs.lot), ...opt("percent", percent), ...opt("amount", amount) };
    case "issue_credit_note":
      return { intent: "issue_credit_note", ...client, ...opt("invoiceNumber", invoiceNumber ?? refs.invoiceNumber), ...opt("amount", amount ?? slots.amountsOrNumbers[0]?.amount), ...opt("reason", creditNoteReason(text)) };
    case "billing_status":
      return { intent: "billing_status", ...client, ...project };
    case "month_end_realized":
      return { intent: "month_end_realized", ...client, ...project, ...opt("period", period) };
    case "abandonment":
      return { intent: "abandonment", ...opt("beneficiary", refs.beneficiary), ...opt("beneficiaryName", refs.beneficiary ? undefined : beneficiaryName(text)), ...project, ...opt("date", date) };
    case "payment_status": {
      const scope = invoiceNumber ? "invoice" : refs.client ? "client" : "overall";
      return { intent: "payment_status", scope, ...client, ...project, ...opt("invoiceNumber", invoiceNumber), ...opt("period", period) };
    }
    case "overdue_list":
    case "unpaid_over": {
      const days = slots.dayThresholds[0]?.days;
      const amountOver = /\b(plus de|au[- ]dela de|superieur)/.test(folded) ? amount : undefined;
      if (days !== undefined || amountOver !== undefined) return { intent: "unpaid_over", ...client, days: days ?? 0, ...opt("amountOver", amountOver) };
      return { intent: "overdue_list", ...client };
    }
    case "due_soon":
      return { intent: "due_soon", ...client, period: period ?? (date ? { from: today, to: date } : { from: today, to: addDays(today, 7) }) };
    case "dso":
      return { intent: "dso", ...client, ...opt("period", period) };
    case "aging":
      return { intent: "aging", ...client };
    case "record_payment":
      return { intent: "record_payment", ...client, ...opt("amount", slots.amountsOrNumbers[0]?.amount), ...opt("date", date), ...opt("invoiceNumber", invoiceNumber) };
    case "reconcile_bank":
      return { intent: "reconcile_bank", ...opt("period", period) };
    case "recovery_rate":
      return { intent: "recovery_rate", ...opt("period", period) };
    case "client_not_paid":
      return { intent: "client_not_paid", ...client, ...project, ...opt("invoiceNumber", invoiceNumber ?? refs.invoiceNumber), ...opt("period", period) };
    case "draft_reminder": {
      const bulk = /\b(tous|toutes|les clients|les factures|l'ensemble|chaque)\b/.test(folded) || (slots.dayThresholds.length > 0 && !refs.client);
      return {
        intent: "draft_reminder",
        ...(bulk ? {} : client),
        ...(bulk ? {} : project),
        ...opt("invoiceNumber", invoiceNumber ?? (bulk ? undefined : refs.invoiceNumber)),
        ...opt("level", reminderLevel(folded)),
        ...opt("overdueForDays", slots.dayThresholds[0]?.days),
        bulk,
      };
    }
    case "reminder_history":
      return { intent: "reminder_history", ...client, ...project, ...opt("period", period) };
    case "send_reminder":
      return { intent: "send_reminder", ...client, ...project, ...opt("invoiceNumber", invoiceNumber ?? refs.invoiceNumber) };
  }
}

function invoiceKind(folded: string, refs: References): InvoiceKind | undefined {
  if (/\bacomptes?\b/.test(folded)) return "deposit";
  if (/\bsolde\b/.test(folded)) return "balance";
  if (/\bregie\b/.test(folded)) return "time_and_materials";
  if (/\b(situation|avancement)\b/.test(folded)) return "progress";
  if (/\bgroupee?s?\b/.test(folded)) return "group";
  if (/\bjalons?\b/.test(folded) || refs.milestone?.status === "matched") return "milestone";
  return undefined;
}

function reminderLevel(folded: string): ReminderLevel | undefined {
  if (/\b(mise en demeure|en demeure|formelle?|troisieme relance|3e relance|r3|derniere relance avant)\b/.test(folded)) return "mise_en_demeure";
  if (/\b(ferme|severe|deuxieme relance|seconde relance|2e relance|r2)\b/.test(folded)) return "ferme";
  if (/\b(avant (l'|l )?echeance|pre-?relance|arrive a echeance|tombe)\b/.test(folded)) return "pre_due";
  if (/\b(cordial|cordiale|courtois|courtoise|amical|amicale|sympa|aimable|amiable|gentil|gentille|premiere relance|1re relance|r1)\b/.test(folded)) return "cordial";
  return undefined;
}

/** "3 jours de développement" → "développement" (the word after "de", as the user wrote it). */
function activityAfter(text: string, end: number): string | undefined {
  const m = /^\s+(?:de |d'|d’)\s*([\p{L}-]+(?: de [\p{L}-]+| d'[\p{L}-]+)?)/u.exec(text.slice(end));
  return m?.[1];
}

function creditNoteReason(text: string): string | undefined {
  const m = /(remise commerciale|geste commercial|erreur d[e'’] ?[^,.;!?]+|doublon|litige[^,.;!?]*|(?:motif|raison)\s*:?\s*[^,.;!?]+)/iu.exec(text);
  if (m?.[1]) return m[1].trim();
  return /\bannul/iu.test(text) ? "annulation" : undefined;
}

/** A beneficiary named but unknown to the catalog: "le bénéficiaire Dupont", "Mme Durand", "Dupont a abandonné". */
function beneficiaryName(text: string): string | undefined {
  const titled = /\b(?:b[ée]n[ée]ficiaire|stagiaire|apprenant|participant|M\.|Mme|Madame|Monsieur)\s+(\p{Lu}[\p{L}'-]+)/u.exec(text);
  if (titled?.[1]) return titled[1];
  const subject = /^(\p{Lu}[\p{L}'-]+)\s+(?:a|est)\s+(?:abandonn|arr[êe]t|l[âa]ch|quitt)/u.exec(text.trim());
  return subject?.[1];
}

