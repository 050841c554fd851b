import { addDays, daysBetween, type IsoDate } from "../../engine/dates/plainDate.js";
import { SystemError } from "../../engine/errors.js";
import { Decimal, roundCents, toAmountString, toPlainString } from "../../engine/money/money.js";
import { ContractSchema } from "../../engine/scenario/contract.js";
import { BillingEventSchema } from "../../engine/scenario/billingEvent.js";
import { unwrap } from "../../engine/result.js";
import { replaySchedule } from "../../engine/schedule/replaySchedule.js";
import type { ScheduleInvoice } from "../../engine/schedule/scheduleInvoice.js";
import { DEFAULT_PAYMENT_TERMS, type PaymentTerms } from "../../engine/terms/paymentTerms.js";
import { IMPORT_FORMAT, type ImportFileInput } from "../import/importFormat.js";
import {
  DEMO_CLIENTS,
  DEMO_OCCASIONAL_CLIENTS,
  DEMO_SELLER,
  type DemoContract,
  type DemoEvent,
  type DemoProject,
  demoProjects,
  OCCASIONAL_JOBS,
  occasionalProject,
} from "./demoCompany.js";

type HistoryInvoiceInput = NonNullable<NonNullable<ImportFileInput["history"]>["invoices"]>[number];
type HistoryPaymentInput = NonNullable<NonNullable<ImportFileInput["history"]>["payments"]>[number];
type HistoryReminderInput = NonNullable<NonNullable<ImportFileInput["history"]>["reminders"]>[number];
type EventInput = NonNullable<ImportFileInput["events"]>[number];

/** The numbers the product's example requests name, and which invoice holds each (see demoProjects). */
export const DEMO_NAMED_NUMBERS = {
  /** Appli Kiwi, « livraison recettée », 70 days overdue, R1 and R2 sent: « prépare la mise en demeure ». */
  kiwiOverdue: 7,
  /** Site vitrine Boulangerie Martin, 40 days overdue, R1 sent: « relance Boulangerie Martin ». */
  boulangerieOverdue: 18,
  /** Hébergement Acme, 1 800,00 € TTC, due in 5 days: « fais un avoir de 450 € ». */
  acmeHosting: 31,
  /** Studio Hélios, paid three days ago: « a-t-elle été payée ? ». */
  paidRecently: 42,
} as const;

interface PlannedInvoice {
  readonly contractRef: string;
  readonly projectRef: string;
  readonly clientRef: string;
  /** Index among the contract's replayed invoices (deductions point to these). */
  readonly indexInContract: number;
  readonly invoice: ScheduleInvoice;
  readonly terms: PaymentTerms;
  /** Named position in the year's series (0 when free). */
  anchor: number;
  number?: string;
}

interface ContractPlan {
  readonly project: DemoProject;
  readonly contract: DemoContract;
  readonly ref: string;
  readonly events: DemoEvent[];
}

function termsOf(contract: DemoContract, clientRef: string): PaymentTerms {
  const client = [...DEMO_CLIENTS, ...DEMO_OCCASIONAL_CLIENTS].find((c) => c.ref === clientRef);
  return (contract.paymentTerms as PaymentTerms | undefined) ?? (client?.paymentTerms as PaymentTerms | undefined) ?? (DEMO_SELLER.paymentTerms as PaymentTerms | undefined) ?? DEFAULT_PAYMENT_TERMS;
}

/** Replays a contract's events up to `until` with the engine: the invoices its schedule produces. */
function replay(plan: ContractPlan, until: IsoDate): { invoices: readonly ScheduleInvoice[]; terms: PaymentTerms } {
  const terms = termsOf(plan.contract, plan.project.client);
  const contract = ContractSchema.parse({ vatRate: plan.contract.vatRate ?? "20", paymentTerms: terms, pricing: plan.contract.pricing, schedule: plan.contract.schedule });
  const events = plan.events.map((e) => BillingEventSchema.parse(e));
  const result = unwrap(replaySchedule({ contract, events }, { until }));
  return { invoices: result.invoices, terms };
}

/** Evenly spread `count` dates in [from, to] (nondecreasing); none when there is no room (early in the year). */
function spread(from: IsoDate, to: IsoDate, count: number): IsoDate[] {
  const span = daysBetween(from, to);
  if (span < 0) return [];
  return Array.from({ length: count }, (_, i) => addDays(from, Math.floor(((i + 1) * (span + 1)) / (count + 1))));
}

/**
 * The demo as an import file (`facturation-import/1`), for `today`: every invoice is computed by the
 * engine (replay of each contract's schedule over its events), numbered F-{YYYY}-{NNNN} in date order,
 * with occasional jobs filling the year so that the named numbers (DEMO_NAMED_NUMBERS) fall where the
 * example requests expect them, when the demo's invoices all fall in one calendar year (from mid-June on).
 * Payments, one partial payment, a credit note and the reminders already sent complete the history.
 */
export function demoImportFile(today: IsoDate): ImportFileInput {
  const until = addDays(today, -1);
  const ago = (days: number) => addDays(today, -days);
  const plans: ContractPlan[] = [];
  const projects: DemoProject[] = [];
  for (const { project, events } of demoProjects(today)) {
    projects.push(project);
    project.contracts.forEach((contract, j) => {
      const ref = contract.ref ?? `${project.ref}/${j + 1}`;
      plans.push({ project, contract, ref, events: [...(events[ref] ?? [])] });
    });
  }

  // Occasional jobs: the named one (paid three days ago), then the fillers placed below.
  const occasional = DEMO_OCCASIONAL_CLIENTS.map((client) => {
    const project = occasionalProject(client);
    projects.push(project);
    const contract = project.contracts[0] as DemoContract;
    const plan: ContractPlan = { project, contract, ref: contract.ref ?? project.ref, events: [] };
    plans.push(plan);
    return plan;
  });
  const addJob = (k: number, date: IsoDate) => {
    const plan = occasional[k % occasional.length] as ContractPlan;
    const hours = String(4 + ((k * 5) % 17));
    plan.events.push({ date, type: "action", name: OCCASIONAL_JOBS[k % OCCASIONAL_JOBS.length] ?? "Intervention", quantity: hours }, { date, type: "state", name: "intervention terminée" });
  };
  addJob(0, ago(10));

  const plannedOf = (): PlannedInvoice[] =>
    plans.flatMap((plan) => {
      const { invoices, terms } = replay(plan, until);
      return invoices.map((invoice, indexInContract) => ({ contractRef: plan.ref, projectRef: plan.project.ref, clientRef: plan.project.client, indexInContract, invoice, terms, anchor: 0 }));
    });

  // Anchors: which invoice must carry which counter (marked on the plan, so they sort first on their date).
  const markAnchors = (all: PlannedInvoice[]) => {
    const find = (contractRef: string, date: IsoDate) => all.find((p) => p.contractRef === contractRef && p.invoice.date === date);
    const anchors = [
      { at: DEMO_NAMED_NUMBERS.kiwiOverdue, invoice: find("appli-kiwi", ago(100)) },
      { at: DEMO_NAMED_NUMBERS.boulangerieOverdue, invoice: find("site-boulangerie-martin", ago(70)) },
      { at: DEMO_NAMED_NUMBERS.acmeHosting, invoice: find("hebergement-acme", ago(25)) },
      { at: DEMO_NAMED_NUMBERS.paidRecently, invoice: find(occasional[0]?.ref ?? "", ago(10)) },
    ];
    for (const a of anchors) {
      if (!a.invoice) throw new SystemError(`démo : la facture attendue pour le numéro ${a.at} est absente`);
      a.invoice.anchor = a.at;
    }
    return anchors as { at: number; invoice: PlannedInvoice }[];
  };
  const ordered = (all: readonly PlannedInvoice[]) =>
    all
      .filter((p) => p.invoice.kind !== "credit_note")
      .sort((a, b) => (a.invoice.date < b.invoice.date ? -1 : a.invoice.date > b.invoice.date ? 1 : b.anchor - a.anchor));

  // Fillers: occasional jobs between the anchors, so that each anchor gets its counter in its year.
  let planned = plannedOf();
  const year = ago(100).slice(0, 4);
  const earliest = ago(280) > `${year}-01-01` ? ago(280) : `${year}-01-01`;
  let previous: { at: number; date: IsoDate } = { at: 0, date: addDays(earliest, -1) };
  let k = 1;
  for (let a = 0; a < 4; a++) {
    const anchors = markAnchors(planned);
    const anchor = anchors[a] as { at: number; invoice: PlannedInvoice };
    if (!anchor.invoice.invoice.date.startsWith(year)) break;
    const list = ordered(planned).filter((p) => p.invoice.date.startsWith(year));
    const before = a === 0 ? -1 : list.indexOf((anchors[a - 1] as { invoice: PlannedInvoice }).invoice);
    const between = list.indexOf(anchor.invoice) - before - 1;
    const need = anchor.at - previous.at - 1 - between;
    if (need < 0) throw new SystemError(`démo : trop de factures avant le numéro ${anchor.at}`);
    for (const date of spread(addDays(previous.date, 1), addDays(anchor.invoice.invoice.date, -1), need)) addJob(k++, date);
    previous = { at: anchor.at, date: anchor.invoice.invoice.date };
    planned = plannedOf();
  }
  const anchors = markAnchors(planned);

  // Numbers: F-{YYYY}-{NNNN} in date order (anchors first on their date), AV- for credit notes.
  const counters = new Map<string, number>();
  for (const p of ordered(planned)) {
    const y = p.invoice.date.slice(0, 4);
    const n = (counters.get(y) ?? 0) + 1;
    counters.set(y, n);
    p.number = `F-${y}-${String(n).padStart(4, "0")}`;
  }
  const byContract = (ref: string) => planned.filter((p) => p.contractRef === ref).sort((a, b) => a.indexInContract - b.indexInContract);
  const numberOf = (p: PlannedInvoice | undefined) => p?.number ?? "";

  const invoices: HistoryInvoiceInput[] = ordered(planned).map((p) => ({
    number: numberOf(p),
    kind: p.invoice.kind,
    client: p.clientRef,
    project: p.projectRef,
    contract: p.contractRef,
    issueDate: p.invoice.date,
    dueDate: p.invoice.dueDate,
    paymentTerms: p.terms,
    lines: p.invoice.lines.map((l) => {
      if (l.source.type === "deduction") return { label: l.label, deducts: numberOf(byContract(p.contractRef)[l.source.invoiceIndex]) };
      const exact = roundCents(l.quantity.times(l.unitPrice)).equals(l.net);
      return {
        label: l.label,
        quantity: exact ? toPlainString(l.quantity) : "1",
        unitPrice: exact ? toPlainString(l.unitPrice) : toAmountString(l.net),
        ...(p.contractRef.startsWith("ponctuel-") || p.contractRef === "plateforme-nexa-maintenance" ? { unit: "hour" as const } : p.contractRef === "nexa-regie" ? { unit: "day" as const } : {}),
        item: l.source.itemIndex,
      };
    }),
    netAmount: toAmountString(p.invoice.netAmount),
    vatAmount: toAmountString(p.invoice.vatAmount),
    amountDue: toAmountString(p.invoice.amountDue),
    sentOn: p.invoice.date,
  }));

  // The credit note: one day of the first régie month was not worked.
  const firstRegie = byContract("nexa-regie")[0];
  const creditNotes: HistoryInvoiceInput[] = [];
  let credited = new Decimal(0);
  if (firstRegie) {
    const date = addDays(firstRegie.invoice.date, 8);
    credited = new Decimal("780.00");
    creditNotes.push({
      number: `AV-${date.slice(0, 4)}-0001`,
      kind: "credit_note",
      client: "nexa",
      project: "nexa-regie",
      contract: "nexa-regie",
      issueDate: date,
      corrects: numberOf(firstRegie),
      reason: "Journée facturée par erreur (non réalisée)",
      lines: [{ label: "Journée du mois non réalisée", quantity: "-1", unit: "day", unitPrice: "650.00" }],
      amountDue: "-780.00",
      sentOn: date,
    });
  }

  // Payments: paid three weeks after issue (régie: 25 days) unless named unpaid; one partial.
  const unpaid = new Set([
    numberOf(anchors[0]?.invoice),
    numberOf(anchors[1]?.invoice),
    numberOf(anchors[2]?.invoice),
    numberOf(planned.find((p) => p.contractRef === "refonte-acme" && p.invoice.date === ago(50))),
    numberOf(planned.find((p) => p.contractRef === "plateforme-nexa-forfait" && p.invoice.date === ago(40))),
    numberOf(planned.find((p) => p.contractRef === "residence-tilleuls" && p.invoice.date === ago(33))),
  ]);
  const payments: HistoryPaymentInput[] = [];
  const methods = ["transfer", "transfer", "transfer", "cheque", "transfer", "direct_debit"] as const;
  for (const [i, p] of ordered(planned).entries()) {
    const number = numberOf(p);
    if (unpaid.has(number)) continue;
    const regie = p.contractRef === "nexa-regie" || p.contractRef === "plateforme-nexa-maintenance";
    const date = p.anchor === DEMO_NAMED_NUMBERS.paidRecently ? ago(3) : addDays(p.invoice.date, regie ? 25 : 21);
    if (date > until) continue;
    const amount = p === firstRegie ? p.invoice.amountDue.minus(credited) : p.invoice.amountDue;
    payments.push({
      ref: `REL-${date.replaceAll("-", "")}-${String(i + 1).padStart(3, "0")}`,
      client: p.clientRef,
      date,
      amount: toAmountString(amount),
      method: methods[i % methods.length],
      reference: `VIR ${number}`,
      allocations: [{ invoice: number, amount: toAmountString(amount) }],
    });
  }
  const acmeFinal = planned.find((p) => p.contractRef === "refonte-acme" && p.invoice.date === ago(50));
  if (acmeFinal) {
    payments.push({ ref: `REL-${ago(15).replaceAll("-", "")}-ACME`, client: "acme", date: ago(15), amount: "2000.00", method: "transfer", reference: `ACOMPTE SUR ${numberOf(acmeFinal)}`, allocations: [{ invoice: numberOf(acmeFinal), amount: "2000.00" }] });
  }

  // Reminders already sent: R1 and R2 on the 70-day one, R1 on the 40-day one.
  const reminders: HistoryReminderInput[] = [];
  const kiwi = anchors[0]?.invoice;
  const boulangerie = anchors[1]?.invoice;
  if (kiwi) reminders.push({ invoice: numberOf(kiwi), level: 1, date: addDays(kiwi.invoice.dueDate, 7) }, { invoice: numberOf(kiwi), level: 2, date: addDays(kiwi.invoice.dueDate, 15) });
  if (boulangerie) reminders.push({ invoice: numberOf(boulangerie), level: 1, date: addDays(boulangerie.invoice.dueDate, 7) });

  // Events, realized work marked billed by the invoice of its contract that took it.
  const events: EventInput[] = plans.flatMap((plan) => {
    const list = byContract(plan.ref);
    const realized = plan.contract.schedule.some((s) => (s.bill as { realized?: unknown }).realized !== undefined);
    return plan.events.map((e) => {
      const billedBy = realized && e.type === "action" ? list.find((p) => p.invoice.date >= e.date) : undefined;
      return { contract: plan.ref, ...e, ...(billedBy ? { billedBy: numberOf(billedBy) } : {}) };
    });
  });

  return {
    format: IMPORT_FORMAT,
    seller: DEMO_SELLER,
    clients: [...DEMO_CLIENTS, ...DEMO_OCCASIONAL_CLIENTS],
    projects,
    events,
    history: { invoices: [...invoices, ...creditNotes], payments, reminders },
  };
}

