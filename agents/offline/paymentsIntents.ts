import { minDate, type IsoDate } from "../../engine/dates/plainDate.js";
import { sum, toAmountString, toDecimal } from "../../engine/money/money.js";
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from "../../engine/receivables/agingReport.js";
import { ProposalResultSchema } from "../../tools/confirmation/proposalResult.js";
import type { EntityRef } from "../understanding/entityMatch.js";
import { isFollowUp } from "../understanding/conversationContext.js";
import { STOP_REMINDERS } from "../understanding/intentLexicon.js";
import { normalizeText } from "../understanding/normalizeText.js";
import type { Intent } from "../understanding/intent.js";
import type { Period } from "../understanding/period.js";
import { euros, plural, shortDate } from "./frenchFormat.js";
import type { IntentHandler, OfflineAnswer, OfflineTurn } from "./offlineTurn.js";
import { pastedBankLines } from "./pastedBankLines.js";
import { textTable } from "./textTable.js";
import {
  AnyResultSchema,
  DunningStatusResultSchema,
  GetInvoiceResultSchema,
  ListInvoicesResultSchema,
  PaymentAlertsResultSchema,
  MatchBankStatementResultSchema,
  ReceivablesSummaryResultSchema,
  type AlertRow,
  type BankMatch,
  type InvoiceRow,
} from "./toolResults.js";

const SEVERITY_FR: Readonly<Record<AlertRow["severity"], string>> = { info: "info", warning: "attention", alert: "alerte", critical: "critique" };

/** The invoices as a table: number, client, due date, TTC, outstanding, days late, status. */
export function invoiceTable(rows: readonly InvoiceRow[]): string {
  return textTable(
    ["Facture", "Client", "Échéance", "TTC", "Reste dû", "Retard", "Statut"],
    rows.map((r) => [
      r.number ?? `brouillon ${r.invoiceId}`,
      r.clientName,
      shortDate(r.dueDate),
      euros(r.amountDue),
      euros(r.outstanding),
      r.daysLate > 0 ? `${r.daysLate} j` : "—",
      `${r.statusLabel}${r.disputed ? " (litige)" : ""}`,
    ]),
    [3, 4, 5],
  );
}

/** The summary's text face with the alert levels in French ("[critical]" → "[critique]"). */
function frenchSeverities(text: string): string {
  return text.replace(/\[(info|warning|alert|critical)\]/g, (_m, level: AlertRow["severity"]) => `[${SEVERITY_FR[level]}]`);
}

export function alertLines(alerts: readonly AlertRow[]): string[] {
  return alerts.map((a) => `- [${SEVERITY_FR[a.severity]}] ${a.message}`);
}

type ClientTarget = { readonly id: number; readonly name: string } | undefined;

/**
 * A list or an indicator ("y a-t-il des retards ?") covers every client unless the request names
 * one, or is a follow-up of the conversation ("et pour Nexa ?", "et chez lui ?").
 */
function scoped(turn: OfflineTurn, ref: EntityRef | undefined): EntityRef | undefined {
  return ref?.status === "matched" && ref.fromContext === true && !isFollowUp(turn.text) ? undefined : ref;
}

/** The client named in the request (or in focus); a question when the name is ambiguous. */
async function targetClient(turn: OfflineTurn, ref: EntityRef | undefined): Promise<{ ok: true; client: ClientTarget } | { ok: false; question: string }> {
  if (ref?.status === "ambiguous") return { ok: false, question: `Plusieurs clients correspondent : ${ref.candidates.map((c) => `« ${c.name} »`).join(", ")}. Lequel ?` };
  if (ref?.status !== "matched") return { ok: true, client: undefined };
  const id = await turn.catalog.clientId(turn.tools, ref);
  if (id === undefined) return { ok: false, question: `Je ne trouve pas le client « ${ref.name} ». Pouvez-vous préciser son nom ?` };
  return { ok: true, client: { id, name: ref.name } };
}

const clientFilter = (client: ClientTarget) => (client === undefined ? {} : { clientId: client.id });
const clientFocus = (client: ClientTarget): OfflineAnswer["focus"] => (client === undefined ? {} : { client: client.name });

async function overdueInvoices(turn: OfflineTurn, client: ClientTarget) {
  return turn.tools.call("list_invoices", { overdueOnly: true, ...clientFilter(client), limit: 200 }, ListInvoicesResultSchema);
}

const overdueList: IntentHandler = async (intent, turn) => {
  const ref = scoped(turn, "client" in intent ? intent.client : undefined);
  const target = await targetClient(turn, ref);
  if (!target.ok) return { text: target.question };
  const { client } = target;
  const listed = await overdueInvoices(turn, client);
  if (!listed.ok) return { text: `Liste des factures indisponible : ${listed.error}` };
  let rows = listed.value.invoices;
  if (intent.intent === "unpaid_over") {
    rows = rows.filter((r) => r.daysLate > intent.days && (intent.amountOver === undefined || toDecimal(r.outstanding).greaterThan(toDecimal(intent.amountOver))));
  }
  const who = client === undefined ? "" : ` pour ${client.name}`;
  if (rows.length === 0) {
    const threshold = intent.intent === "unpaid_over" ? ` de plus de ${intent.days} jours` : "";
    return { text: `Aucune facture en retard${threshold}${who} au ${shortDate(listed.value.asOf)}.`, focus: clientFocus(client) };
  }
  const total = toAmountString(sum(rows.map((r) => toDecimal(r.outstanding))));
  const head =
    intent.intent === "unpaid_over"
      ? `${plural(rows.length, "facture impayée", "factures impayées")} depuis plus de ${intent.days} jours${who} : ${euros(total)} restant dus.`
      : `Oui : ${plural(rows.length, "facture")} en retard de paiement${who} au ${shortDate(listed.value.asOf)}, ${euros(total)} restant dus.`;
  const out = [head, invoiceTable(rows)];
  const alerts = await turn.tools.call("get_payment_alerts", { ...clientFilter(client), severities: ["warning", "alert", "critical"] }, PaymentAlertsResultSchema);
  const shown = new Set(rows.map((r) => r.number));
  const relevant = alerts.ok ? alerts.value.alerts.filter((a) => shown.has(a.number)) : [];
  if (relevant.length > 0) out.push("Alertes :", ...alertLines(relevant));
  const worst = [...rows].sort((a, b) => b.daysLate - a.daysLate)[0];
  return { text: out.join("\n"), focus: { ...clientFocus(client), ...(rows.length === 1 && worst?.number ? { invoice: worst.number } : {}) } };
};

const DISPUTE = /\b(litiges?|contest\w*)\b/;
/** "Ne relancez plus…", "suspends les relances de…": the dispute flag is what holds an invoice's reminders. */
const STOP = new RegExp(STOP_REMINDERS);
const LIFT = /\b(leve|lever|levez|retire|retirer|clos|clore|cloture|resolu|fin du litige|plus en litige)\b/;
const STATUS_WORDS: readonly [RegExp, string][] = [
  [/\bbrouillons?\b/, "draft"],
  [/\bpayees?\b/, "paid"],
  [/\bemises?\b/, "issued"],
  [/\bannulees?\b/, "cancelled"],
];

/**
 * "Mets la facture F-2026-0024 en litige" / "lève le litige" / "ne relancez plus la facture
 * F-2026-0024": the dispute flag, a write the tool audits (it suspends the invoice's reminders).
 */
async function dispute(turn: OfflineTurn, invoice: string | undefined, canonical: string): Promise<OfflineAnswer> {
  const contested = DISPUTE.test(canonical);
  if (invoice === undefined) {
    return { text: contested ? "Quelle facture est contestée (numéro, par exemple F-2026-0024) ?" : "Pour quelle facture faut-il suspendre les relances (numéro, par exemple F-2026-0024) ?" };
  }
  // "Suspends les relances jusqu'à la fin du litige" puts on hold; only a lift without a stop lifts.
  const disputed = STOP.test(canonical) || !LIFT.test(canonical);
  const reason = contested ? "contestation signalée par l'utilisateur" : "suspension des relances demandée par l'utilisateur";
  const input = { invoice, disputed, ...(disputed ? { reason } : {}) };
  const result = await turn.tools.call("set_invoice_dispute", input, AnyResultSchema);
  return { text: result.ok ? result.text : `Litige non enregistré : ${result.error}`, focus: { invoice } };
}

const paymentStatus: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "payment_status") return overdueList(intent, turn);
  const canonical = normalizeText(turn.text);
  if (DISPUTE.test(canonical) || STOP.test(canonical)) return dispute(turn, intent.invoiceNumber ?? turn.focus.invoice, canonical);
  if (/\bchiffre d affaires\b/.test(canonical)) return summary(turn, "revenue", undefined, intent.period);
  const statuses = STATUS_WORDS.filter(([pattern]) => pattern.test(canonical)).map(([, status]) => status);
  if (statuses.length > 0 && intent.invoiceNumber === undefined) return listByStatus(turn, statuses, intent.period, scoped(turn, intent.client));
  const invoice = intent.invoiceNumber;
  if (invoice !== undefined) return invoiceStatus(turn, invoice);
  const target = await targetClient(turn, scoped(turn, intent.client));
  if (!target.ok) return { text: target.question };
  if (target.client !== undefined) return clientStatus(turn, target.client);
  return summary(turn, "overall");
};

async function invoiceStatus(turn: OfflineTurn, invoice: string): Promise<OfflineAnswer> {
  const found = await turn.tools.call("get_invoice", { invoice }, GetInvoiceResultSchema);
  if (!found.ok) return { text: `Je ne trouve pas la facture ${invoice} : ${found.error}` };
  const i = found.value;
  const out = [`Facture ${i.number ?? invoice} (${i.client.name}${i.project ? `, ${i.project.name}` : ""}) : ${i.statusLabel}.`];
  out.push(`Montant : ${euros(i.totals.gross)} TTC, émise le ${shortDate(i.issueDate)}, échéance le ${shortDate(i.dueDate)}.`);
  if (i.receivable) {
    out.push(`Payé : ${euros(i.receivable.paid)} ; reste dû : ${euros(i.receivable.outstanding)}${i.receivable.daysOverdue > 0 ? ` (${i.receivable.daysOverdue} jours de retard)` : ""}.`);
  }
  for (const p of i.payments) out.push(`- règlement du ${shortDate(p.receivedOn)} : ${euros(p.amount)}`);
  return { text: out.join("\n"), focus: { invoice: i.number ?? invoice, client: i.client.name, ...(i.project ? { project: i.project.name } : {}) } };
}

async function clientStatus(turn: OfflineTurn, client: NonNullable<ClientTarget>): Promise<OfflineAnswer> {
  const listed = await turn.tools.call("list_invoices", { clientId: client.id, status: ["issued", "partially_paid", "overdue"], limit: 200 }, ListInvoicesResultSchema);
  if (!listed.ok) return { text: `Factures de ${client.name} indisponibles : ${listed.error}` };
  const open = listed.value.invoices.filter((r) => toDecimal(r.outstanding).greaterThan(0));
  if (open.length === 0) return { text: `${client.name} n'a aucune facture en attente de paiement au ${shortDate(listed.value.asOf)}.`, focus: { client: client.name } };
  const late = open.filter((r) => r.daysLate > 0);
  const total = toAmountString(sum(open.map((r) => toDecimal(r.outstanding))));
  const head = `${client.name} : ${plural(open.length, "facture")} à encaisser (${euros(total)}), dont ${plural(late.length, "en retard", "en retard")}.`;
  return { text: [head, invoiceTable(open)].join("\n"), focus: { client: client.name } };
}

/** Invoices in the given states ("quelles factures sont encore en brouillon ?"), optionally issued in a period. */
async function listByStatus(turn: OfflineTurn, statuses: readonly string[], period: { from: string; to: string } | undefined, ref: EntityRef | undefined): Promise<OfflineAnswer> {
  const target = await targetClient(turn, ref);
  if (!target.ok) return { text: target.question };
  const filter = { status: statuses, ...clientFilter(target.client), ...(period ? { issuedFrom: period.from, issuedTo: period.to } : {}), limit: 200 };
  const listed = await turn.tools.call("list_invoices", filter, ListInvoicesResultSchema);
  if (!listed.ok) return { text: `Liste des factures indisponible : ${listed.error}` };
  const rows = listed.value.invoices;
  if (rows.length === 0) return { text: "Aucune facture dans cet état.", focus: clientFocus(target.client) };
  return { text: [`${plural(listed.value.total, "facture")} (${euros(listed.value.totals.amountDue)} TTC) :`, invoiceTable(rows)].join("\n"), focus: clientFocus(target.client) };
}

type SummaryView = "overall" | "dso" | "recovery" | "aging" | "revenue";

/**
 * The indicators' period as get_receivables_summary takes it: a named period ("ce trimestre",
 * "le mois dernier") from its first day to its last, or to today when it is not over (the
 * figures are then "à date"); undefined for one that has not started.
 */
function periodInput(period: Period | undefined, today: IsoDate): { input: { from?: IsoDate; asOf?: IsoDate }; ongoing: boolean } | undefined {
  if (period === undefined) return { input: {}, ongoing: false };
  if (period.from > today) return undefined;
  const asOf = minDate(period.to, today);
  return { input: { from: period.from, ...(asOf === today ? {} : { asOf }) }, ongoing: period.to > today };
}

async function summary(turn: OfflineTurn, view: SummaryView, client?: ClientTarget, named?: Period): Promise<OfflineAnswer> {
  const asked = periodInput(named, turn.today);
  if (asked === undefined) return { text: `La période demandée (du ${shortDate(named?.from)} au ${shortDate(named?.to)}) n'a pas encore commencé : aucun indicateur à calculer.` };
  const result = await turn.tools.call("get_receivables_summary", { ...clientFilter(client), ...asked.input }, ReceivablesSummaryResultSchema);
  if (!result.ok) return { text: `Synthèse des créances indisponible : ${result.error}` };
  const s = result.value;
  const kpi = (code: string) => s.kpis.find((k) => k.code === code);
  const agingTable = textTable(
    ["Client", ...AGING_BUCKETS.map((b) => AGING_BUCKET_LABELS[b]), "Total"],
    [
      ...s.aging.byClient.map((c) => [c.clientName ?? c.clientId, ...AGING_BUCKETS.map((b) => euros(c.buckets[b]?.amount ?? "0.00")), euros(c.total.amount)]),
      ["Total", ...AGING_BUCKETS.map((b) => euros(s.aging.overall.buckets[b]?.amount ?? "0.00")), euros(s.aging.overall.total.amount)],
    ],
    [1, 2, 3, 4, 5, 6],
  );
  const span = `du ${shortDate(s.period.from)} au ${shortDate(s.period.to)}`;
  const period = named === undefined ? `des ${s.period.days} derniers jours (${span})` : asked.ongoing ? `${span} (période en cours, arrêtée à aujourd'hui)` : span;
  switch (view) {
    case "dso": {
      const dso = kpi("dso");
      return { text: [`${(dso?.message ?? "DSO non calculable").replace(/\.$/, "")} — période ${period}.`, `Formule : ${s.formulas.dso}`].join("\n"), focus: clientFocus(client) };
    }
    case "recovery": {
      const rate = kpi("recovery_rate");
      return { text: [`${(rate?.message ?? "Taux de recouvrement non calculable").replace(/\.$/, "")} — période ${period}.`, `Formule : ${s.formulas.recoveryRate}`].join("\n"), focus: clientFocus(client) };
    }
    case "revenue":
      return { text: `Chiffre d'affaires TTC facturé sur la période ${period}, avoirs déduits : ${euros(s.dso.revenue)}.`, focus: clientFocus(client) };
    case "aging":
      return { text: [`Balance âgée des créances au ${shortDate(s.asOf)} :`, agingTable].join("\n"), focus: clientFocus(client) };
    case "overall":
      return { text: [frenchSeverities(result.text), agingTable].join("\n"), focus: clientFocus(client) };
  }
}

const kpiView =
  (view: SummaryView): IntentHandler =>
  async (intent, turn) => {
    const target = await targetClient(turn, scoped(turn, "client" in intent ? intent.client : undefined));
    if (!target.ok) return { text: target.question };
    return summary(turn, view, target.client, "period" in intent ? intent.period : undefined);
  };

const dueSoon: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "due_soon") return unsupported();
  const target = await targetClient(turn, scoped(turn, intent.client));
  if (!target.ok) return { text: target.question };
  const listed = await turn.tools.call("list_invoices", { status: ["issued", "partially_paid"], ...clientFilter(target.client), limit: 200 }, ListInvoicesResultSchema);
  if (!listed.ok) return { text: `Liste des factures indisponible : ${listed.error}` };
  const { from, to } = intent.period;
  const rows = listed.value.invoices.filter((r) => r.dueDate !== null && r.dueDate >= from && r.dueDate <= to && toDecimal(r.outstanding).greaterThan(0));
  if (rows.length === 0) return { text: `Aucune facture n'arrive à échéance du ${shortDate(from)} au ${shortDate(to)}.`, focus: clientFocus(target.client) };
  const total = toAmountString(sum(rows.map((r) => toDecimal(r.outstanding))));
  return { text: [`${plural(rows.length, "facture")} à échéance du ${shortDate(from)} au ${shortDate(to)} (${euros(total)}) :`, invoiceTable(rows)].join("\n"), focus: clientFocus(target.client) };
};

const recordPayment: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "record_payment") return unsupported();
  const target = await targetClient(turn, intent.client);
  if (!target.ok) return { text: target.question };
  if (intent.amount === undefined) return { text: "Quel montant a été reçu (par exemple « 16 200 € ») ?", focus: clientFocus(target.client) };
  if (target.client === undefined && intent.invoiceNumber === undefined) return { text: `De quel client vient ce règlement de ${euros(intent.amount)} ?` };
  const onStatement = intent.invoiceNumber === undefined ? undefined : await importedStatementLine(turn, target.client, intent.invoiceNumber, intent.amount, intent.date);
  const input = onStatement?.recordPayment ?? {
    ...clientFilter(target.client),
    amount: intent.amount,
    ...(intent.date === undefined ? {} : { receivedOn: intent.date }),
    ...(intent.invoiceNumber === undefined ? {} : { allocations: [{ invoice: intent.invoiceNumber, amount: intent.amount }] }),
  };
  const proposal = await turn.tools.call("record_payment", input, ProposalResultSchema);
  if (!proposal.ok) return { text: `Règlement non enregistré : ${proposal.error}`, focus: clientFocus(target.client) };
  const first = proposal.value.status === "pending" ? "Enregistrement du règlement proposé : il attend votre confirmation." : proposal.text;
  return { text: first, focus: clientFocus(target.client) };
};

/**
 * The imported statement line, not yet matched, that match_bank_statement pairs with this invoice for
 * this amount — on this date when one is given, else only a match better than "amount alone" (another
 * payer's transfer of the same amount must not be taken for this one): "enregistre le règlement de 1 296 € de Maison Delorme
 * sur la facture F-2026-0040" after a reconciliation records the payment WITH its bank line, so the
 * line is not offered again.
 */
async function importedStatementLine(turn: OfflineTurn, client: ClientTarget, invoiceNumber: string, amount: string, date: IsoDate | undefined): Promise<BankMatch | undefined> {
  const matched = await turn.tools.call("match_bank_statement", { to: turn.today, ...clientFilter(client) }, MatchBankStatementResultSchema);
  if (!matched.ok) return undefined;
  return matched.value.matches.find(
    (m) =>
      m.bankLineId !== undefined &&
      m.number === invoiceNumber &&
      toDecimal(m.amount).equals(toDecimal(amount)) &&
      (date === undefined ? m.confidence !== "low" : m.recordPayment.receivedOn === date),
  );
}

const CONFIDENCE_FR: Readonly<Record<BankMatch["confidence"], string>> = { high: "forte", medium: "moyenne", low: "faible" };

const PASTE_LINES =
  "Aucun relevé importé à rapprocher. Importez-le avec « facturation import-bank FICHIER » (CSV ou CAMT.053) puis redemandez, " +
  "ou collez ses lignes de crédit (date ; montant ; libellé), une par ligne, après votre demande, par exemple « 03/11/2026 ; 16 200,00 ; VIR ACME INDUSTRIES F-2026-0042 ». " +
  "Je proposerai les factures correspondantes ; chaque règlement ne sera enregistré qu'après votre confirmation.";

/**
 * "Rapproche le relevé bancaire de novembre avec les factures": match_bank_statement over the
 * imported lines of the period asked (every unmatched line up to today when none is named), or
 * over the lines pasted in the request; the proposals as a table; the strong matches proposed as
 * payments (record_payment with the bank line), each waiting for the human's confirmation.
 */
const reconcile: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "reconcile_bank") return unsupported();
  const pasted = pastedBankLines(turn.text);
  const period = intent.period;
  const input = pasted.length > 0 ? { lines: pasted } : period ? { from: period.from, to: period.to } : { to: turn.today };
  const matched = await turn.tools.call("match_bank_statement", input, MatchBankStatementResultSchema);
  if (!matched.ok) return { text: `Rapprochement impossible : ${matched.error}` };
  const { matches, unmatched } = matched.value;
  const head = matched.text.split("\n")[0] ?? "";
  if (matches.length === 0 && unmatched.length === 0) return { text: pasted.length === 0 && period === undefined ? PASTE_LINES : head };
  const table = textTable(
    ["Ligne", "Montant", "Facture proposée", "Confiance", "Raison"],
    [
      ...matches.map((m) => [`${shortDate(m.recordPayment.receivedOn)} ${m.recordPayment.reference}`, euros(m.amount), `${m.number} (${m.clientName})`, CONFIDENCE_FR[m.confidence], m.reason]),
      ...unmatched.map((u) => [`${shortDate(u.date)} ${u.label}`, euros(u.amount), u.candidates.length > 0 ? `à examiner : ${u.candidates.join(", ")}` : "—", "—", u.reason]),
    ],
    [1],
    { 0: 44, 4: 60 },
  );
  const out = [head, table];
  const strong = matches.filter((m) => m.confidence === "high");
  const proposed: string[] = [];
  for (const m of strong) {
    const proposal = await turn.tools.call("record_payment", m.recordPayment, ProposalResultSchema);
    if (proposal.ok) proposed.push(m.number);
    else out.push(`Règlement de ${euros(m.amount)} sur ${m.number} non proposé : ${proposal.error}`);
  }
  if (proposed.length > 0) {
    out.push(
      proposed.length === 1
        ? `Je propose d'enregistrer le règlement de confiance forte (${proposed[0]}) : il attend votre confirmation.`
        : `Je propose d'enregistrer les ${proposed.length} règlements de confiance forte (${proposed.join(", ")}) : chacun attend votre confirmation.`,
    );
  }
  const toCheck = matches.find((m) => m.confidence !== "high");
  if (toCheck !== undefined) {
    out.push(
      `Les propositions de confiance moyenne ou faible sont à vérifier ; pour en enregistrer une, dites par exemple « enregistre le règlement de ${euros(toCheck.amount)} de ${toCheck.clientName} sur la facture ${toCheck.number} ».`,
    );
  }
  const [first] = strong;
  return { text: out.join("\n"), focus: strong.length === 1 && first ? { invoice: first.number, client: first.clientName } : {} };
};

/**
 * "Le client n'a pas payé": the client's unpaid invoices and what the dunning policy says today.
 * The invoice most in need of a reminder becomes the focus, for email-relance next.
 */
const clientNotPaid: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "client_not_paid") return unsupported();
  const target = await targetClient(turn, intent.client);
  if (!target.ok) return { text: target.question };
  const { client } = target;
  if (client === undefined && intent.invoiceNumber === undefined) {
    const overdue = await overdueList({ intent: "overdue_list" }, turn);
    return { text: `De quel client s'agit-il ? Voici les factures en retard :\n${overdue.text}` };
  }
  const dunning = await turn.tools.call(
    "get_dunning_status",
    { ...clientFilter(client), ...(intent.invoiceNumber === undefined ? {} : { invoice: intent.invoiceNumber }) },
    DunningStatusResultSchema,
  );
  if (!dunning.ok) return { text: `Suivi des relances indisponible : ${dunning.error}`, focus: clientFocus(client) };
  const rows = dunning.value.invoices.filter((r) => toDecimal(r.outstanding).greaterThan(0));
  const name = client?.name ?? rows[0]?.clientName ?? "ce client";
  if (rows.length === 0) return { text: `${name} n'a aucune facture impayée au ${shortDate(dunning.value.asOf)}.`, focus: clientFocus(client) };
  const table = textTable(
    ["Facture", "Échéance", "Reste dû", "Retard", "Relance due", "Pourquoi"],
    rows.map((r) => [r.number, shortDate(r.dueDate), euros(r.outstanding), r.daysOverdue > 0 ? `${r.daysOverdue} j` : "—", r.dueNow?.label ?? "aucune", r.reason]),
    [2, 3],
  );
  const late = rows.filter((r) => r.daysOverdue > 0);
  const total = toAmountString(sum(rows.map((r) => toDecimal(r.outstanding))));
  const next = [...rows].filter((r) => r.dueNow !== null && !r.disputed).sort((a, b) => b.daysOverdue - a.daysOverdue)[0];
  const out = [`${name} : ${plural(rows.length, "facture impayée", "factures impayées")} (${euros(total)}), dont ${plural(late.length, "en retard", "en retard")}.`, table];
  if (next === undefined) out.push("Aucune relance n'est due aujourd'hui selon la politique de relance.");
  return { text: out.join("\n"), focus: { client: name, ...(next === undefined ? {} : { invoice: next.number }) } };
};

function unsupported(): OfflineAnswer {
  return { text: "Je ne sais pas encore traiter cette demande hors connexion : reformulez-la (par exemple « quelles factures sont en retard ? »)." };
}

/** The offline suivi-paiements agent: one handler per intent. */
export const PAYMENTS_HANDLERS: Partial<Record<Intent["intent"], IntentHandler>> = {
  payment_status: paymentStatus,
  overdue_list: overdueList,
  unpaid_over: overdueList,
  due_soon: dueSoon,
  dso: kpiView("dso"),
  recovery_rate: kpiView("recovery"),
  aging: kpiView("aging"),
  record_payment: recordPayment,
  reconcile_bank: reconcile,
  client_not_paid: clientNotPaid,
};
