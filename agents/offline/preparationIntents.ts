import { minDate } from "../../engine/dates/plainDate.js";
import { ProposalResultSchema } from "../../tools/confirmation/proposalResult.js";
import type { EntityRef } from "../understanding/entityMatch.js";
import type { Intent } from "../understanding/intent.js";
import { matchEntity } from "../understanding/entityMatch.js";
import { normalizeText } from "../understanding/normalizeText.js";
import { extractSlots } from "../understanding/slots.js";
import { namedTriggers, type NamedTrigger } from "./scheduleTriggers.js";
import { euros, plural, shortDate } from "./frenchFormat.js";
import type { IntentHandler, OfflineAnswer, OfflineTurn } from "./offlineTurn.js";
import { textTable } from "./textTable.js";
import {
  AnyResultSchema,
  BillingStatusResultSchema,
  FindProjectResultSchema,
  PrepareDraftResultSchema,
  RecordEventResultSchema,
  RecordLotResultSchema,
  RecordTimeResultSchema,
} from "./toolResults.js";

interface ProjectTarget {
  readonly id: number;
  readonly name: string;
  readonly clientName: string;
}

type Target = { readonly ok: true; readonly project: ProjectTarget } | { readonly ok: false; readonly question: string };

const candidatesOf = (ref: EntityRef) => (ref.status === "ambiguous" ? ref.candidates.map((c) => `« ${c.name} »`).join(", ") : "");

/** The project a preparation request is about: named, through its milestone or client, or from the conversation. */
async function targetProject(turn: OfflineTurn, refs: { project?: EntityRef | undefined; client?: EntityRef | undefined; milestone?: EntityRef | undefined }): Promise<Target> {
  const { tools, catalog } = turn;
  if (refs.project?.status === "ambiguous") return { ok: false, question: `Plusieurs projets correspondent : ${candidatesOf(refs.project)}. Lequel ?` };
  let ref: EntityRef | undefined = refs.project;
  const milestone = refs.milestone;
  if (ref === undefined && milestone?.status === "matched") {
    const parent = [...(catalog.catalog().milestones ?? []), ...(catalog.catalog().lots ?? [])].find((m) => m.name === milestone.name)?.parent;
    if (parent !== undefined) ref = { status: "matched", name: parent, score: 1 };
  }
  if (ref === undefined && refs.client?.status === "matched") {
    const clientName = refs.client.name;
    let projects = catalog.projectsOf(clientName);
    if (projects.length === 0) {
      const reply = await tools.call("find_project", { query: clientName, limit: 10 }, FindProjectResultSchema);
      if (reply.ok) for (const p of reply.value.candidates) catalog.addProject(p.name, p.projectId, p.clientName, p.clientId);
      projects = catalog.projectsOf(clientName);
    }
    if (projects.length === 1 && projects[0]) return { ok: true, project: { id: projects[0].id, name: projects[0].name, clientName } };
    if (projects.length > 1) return { ok: false, question: `${clientName} a plusieurs projets : ${projects.map((p) => `« ${p.name} »`).join(", ")}. Lequel ?` };
    return { ok: false, question: `Je ne trouve aucun projet en cours pour ${clientName}. Quel est le nom du projet ?` };
  }
  if (refs.client?.status === "ambiguous" && ref === undefined) return { ok: false, question: `Plusieurs clients correspondent : ${candidatesOf(refs.client)}. Lequel ?` };
  const project = await catalog.project(tools, ref);
  if (project === undefined) {
    return { ok: false, question: "Sur quel projet ? Précisez son nom ou celui du client (par exemple « le jalon Maquettes validées du projet Atlas est atteint »)." };
  }
  return { ok: true, project: { id: project.id, name: project.name, clientName: project.clientName } };
}

const focusOf = (project: ProjectTarget): OfflineAnswer["focus"] => ({ project: project.name, client: project.clientName });

/** The project's named triggers, from its billing status (empty when the tool cannot say). */
async function projectTriggers(turn: OfflineTurn, projectId: number): Promise<NamedTrigger[]> {
  const status = await turn.tools.call("get_project_billing_status", { projectId }, BillingStatusResultSchema);
  return status.ok ? namedTriggers(status.value) : [];
}

/** The trigger the request names: the milestone the understanding matched, else a trigger named in the text. */
function namedIn(turn: OfflineTurn, triggers: readonly NamedTrigger[], milestone: EntityRef | undefined): NamedTrigger | undefined {
  if (milestone?.status === "matched") {
    const wanted = normalizeText(milestone.name);
    const same = triggers.find((t) => normalizeText(t.name) === wanted || wanted.includes(normalizeText(t.name)));
    if (same) return same;
  }
  const entries = triggers.map((t, index) => ({ id: String(index), name: t.name }));
  const ref = matchEntity(turn.text, entries);
  return ref?.status === "matched" && ref.id !== undefined ? triggers[Number.parseInt(ref.id, 10)] : undefined;
}

/** Records the fact on the project (a named trigger, or the signature). */
async function recordFact(turn: OfflineTurn, project: ProjectTarget, fact: { type: "signature" } | NamedTrigger, date: string | undefined): Promise<{ ok: true; text: string } | { ok: false; text: string }> {
  const input = {
    projectId: project.id,
    type: fact.type,
    ...(fact.type === "signature" ? {} : { contractId: fact.contractId, name: fact.name }),
    ...(date === undefined ? {} : { date }),
  };
  const recorded = await turn.tools.call("record_project_event", input, RecordEventResultSchema);
  return recorded.ok ? { ok: true, text: recorded.text } : { ok: false, text: `Je n'ai pas pu enregistrer le fait sur ${project.name} : ${recorded.error}` };
}

/**
 * prepare_invoice_draft for the project, then issue_invoice for each draft: each issuance is only
 * proposed (a pending action); the runtime shows it and asks the human.
 */
async function draftAndPropose(turn: OfflineTurn, project: ProjectTarget, propose: boolean): Promise<string[]> {
  const out: string[] = [];
  const prepared = await turn.tools.call("prepare_invoice_draft", { projectId: project.id }, PrepareDraftResultSchema);
  if (!prepared.ok) return [`Préparation impossible : ${prepared.error}`];
  const { drafts, blocked } = prepared.value;
  if (drafts.length === 0) {
    out.push(`Rien à facturer aujourd'hui sur ${project.name} : aucune échéance déclenchée non facturée.`);
    if (blocked.length === 0) out.push((await billingStatusOf(turn, project)).text);
  } else {
    out.push(`${plural(drafts.length, "brouillon")} pour ${project.name} (${project.clientName}) :`);
    out.push(
      textTable(
        ["Brouillon", "Type", "Détail", "HT", "TVA", "TTC", "Échéance"],
        drafts.map((d) => [
          `n° ${d.invoiceId}${d.created ? "" : " (déjà prêt)"}`,
          d.kindLabel,
          d.lines.map((l) => `${l.label} : ${euros(l.net)}`).join("\n"),
          euros(d.totals.net),
          euros(d.totals.vat),
          euros(d.totals.gross),
          shortDate(d.dueDate),
        ]),
        [3, 4, 5],
      ),
    );
  }
  for (const b of blocked) out.push(`En attente (${b.contractName}, ${euros(b.net)} HT) : ${b.reason}.`);
  if (!propose) {
    if (drafts.length > 0) out.push("Pour émettre, dites par exemple « émets la facture » : l'émission vous sera soumise pour confirmation.");
    return out;
  }
  for (const draft of drafts) {
    const proposal = await turn.tools.call("issue_invoice", { invoiceId: draft.invoiceId }, ProposalResultSchema);
    if (!proposal.ok) out.push(`Émission du brouillon n° ${draft.invoiceId} impossible : ${proposal.error}`);
    else if (proposal.value.status === "pending") out.push(`Émission du brouillon n° ${draft.invoiceId} proposée : elle attend votre confirmation.`);
    else out.push(proposal.text);
  }
  return out;
}

/**
 * Among projects a name leaves ambiguous, the only one whose schedule still waits for the fact the
 * request states ("on a signé le devis avec Boulangerie Martin": the project not signed yet).
 */
async function projectWaitingFor(turn: OfflineTurn, ref: EntityRef & { status: "ambiguous" }, canonical: string, milestone: EntityRef | undefined): Promise<EntityRef | undefined> {
  const waiting: EntityRef[] = [];
  for (const candidate of ref.candidates) {
    if (candidate.id === undefined) return undefined;
    const status = await turn.tools.call("get_project_billing_status", { projectId: Number.parseInt(candidate.id, 10) }, BillingStatusResultSchema);
    if (!status.ok) return undefined;
    const items = status.value.contracts.flatMap((c) => c.items);
    const pending = SIGNED.test(canonical)
      ? items.some((i) => !i.triggered && /à la signature/.test(i.description))
      : namedIn(turn, namedTriggers(status.value).filter((t) => !t.triggered), milestone) !== undefined;
    if (pending) waiting.push({ status: "matched", name: candidate.name, id: candidate.id, score: candidate.score });
  }
  return waiting.length === 1 ? waiting[0] : undefined;
}

const SIGNED = /\bsign(e|es|ee|ees|er|ons|ature)\b/;
const ASKING_WHAT = /\b(quoi|combien|que facture|qu est ce qu on facture)\b/;

/**
 * "Le jalon Maquettes validées du projet Atlas est atteint, on facture": records the fact the
 * schedule waits for (its exact name and type come from the project's billing status), then
 * prepares the draft and proposes issuing it. "On facture quoi à la livraison ?" only shows the plan.
 */
const prepareInvoice: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "prepare_invoice" && intent.intent !== "abandonment" && intent.intent !== "record_milestone") return unsupported();
  const canonical = normalizeText(turn.text);
  const milestone = "milestone" in intent ? intent.milestone : undefined;
  let projectRef = intent.project;
  if (intent.intent === "abandonment" && projectRef === undefined && intent.beneficiaryName !== undefined) {
    const found = await turn.tools.call("find_project", { query: intent.beneficiaryName, limit: 3 }, FindProjectResultSchema);
    const first = found.ok && !found.value.ambiguous ? found.value.candidates[0] : undefined;
    if (first) {
      turn.catalog.addProject(first.name, first.projectId, first.clientName, first.clientId);
      projectRef = { status: "matched", name: first.name, score: first.score };
    }
  }
  const client = "client" in intent ? intent.client : undefined;
  if (projectRef?.status === "ambiguous") projectRef = (await projectWaitingFor(turn, projectRef, canonical, milestone)) ?? projectRef;
  const target = await targetProject(turn, { project: projectRef, client, milestone });
  if (!target.ok) {
    if (projectRef !== undefined || client !== undefined || milestone !== undefined) return { text: target.question };
    // "Le jalon est atteint" needs its project; "qu'est-ce qui est prêt à facturer ?" only the list.
    const ready = await readyToInvoiceText(turn);
    return { text: /\bjalons?\b|\batteint/.test(canonical) ? `${target.question}\n${ready}` : ready };
  }
  const { project } = target;
  if (intent.intent === "prepare_invoice" && ASKING_WHAT.test(canonical)) return billingStatusOf(turn, project);

  const out: string[] = [];
  const date = ("date" in intent ? intent.date : undefined) ?? extractSlots(turn.text, turn.today).dates[0]?.date;
  const triggers = await projectTriggers(turn, project.id);
  const named =
    intent.intent === "abandonment"
      ? triggers.find((t) => t.type === "event" && /abandon/i.test(t.name))
      : namedIn(turn, triggers.filter((t) => t.kind !== "progress"), milestone);
  if (SIGNED.test(canonical) && intent.intent !== "abandonment") {
    const recorded = await recordFact(turn, project, { type: "signature" }, date);
    if (!recorded.ok) return { text: recorded.text, focus: focusOf(project) };
    out.push(recorded.text);
  } else if (named !== undefined && !named.triggered) {
    const recorded = await recordFact(turn, project, named, date);
    if (!recorded.ok) return { text: recorded.text, focus: focusOf(project) };
    out.push(recorded.text);
  } else if (named !== undefined) {
    out.push(`« ${named.name} » est déjà enregistré sur ${project.name}.`);
  } else if (intent.intent === "abandonment") {
    return { text: `Le contrat de ${project.name} ne prévoit pas d'échéance en cas d'abandon : rien à enregistrer ni à facturer à ce titre.`, focus: focusOf(project) };
  } else if (milestone?.status === "matched" || intent.intent === "record_milestone" || /\bjalons?\b/.test(canonical)) {
    const open = triggers.filter((t) => !t.triggered).map((t) => `« ${t.name} »`);
    return { text: `Quel jalon de ${project.name} est atteint ?${open.length > 0 ? ` Jalons en attente : ${open.join(", ")}.` : ""}`, focus: focusOf(project) };
  }
  if (intent.intent !== "record_milestone") out.push(...(await draftAndPropose(turn, project, true)));
  return { text: out.join("\n"), focus: focusOf(project) };
};

const recordTime: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "record_time") return unsupported();
  const target = await targetProject(turn, intent);
  if (!target.ok) return { text: target.question };
  if (intent.quantity === undefined) return { text: `Combien de temps faut-il saisir sur ${target.project.name} (par exemple « 3 jours de développement ») ?`, focus: focusOf(target.project) };
  const date = intent.period ? minDate(intent.period.to, turn.today) : turn.today;
  const activity = intent.activity ? intent.activity.charAt(0).toUpperCase() + intent.activity.slice(1) : "Prestation";
  const recorded = await turn.tools.call(
    "record_time_entries",
    { projectId: target.project.id, entries: [{ date, action: activity, quantity: intent.quantity }] },
    RecordTimeResultSchema,
  );
  if (!recorded.ok) return { text: `Saisie refusée : ${recorded.error}`, focus: focusOf(target.project) };
  return { text: recorded.text, focus: focusOf(target.project) };
};

const recordProgress: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "record_progress") return unsupported();
  const target = await targetProject(turn, { project: intent.project, milestone: intent.lot });
  if (!target.ok) return { text: target.question };
  if (intent.lot?.status !== "matched") return { text: `Sur quel lot de ${target.project.name} porte cet avancement ?`, focus: focusOf(target.project) };
  if (intent.percent === undefined && intent.amount === undefined) return { text: `Quel avancement cumulé pour le lot ${intent.lot.name} (en % ou en euros HT) ?`, focus: focusOf(target.project) };
  const lot = { lot: intent.lot.name, ...(intent.percent === undefined ? { amount: intent.amount } : { percent: intent.percent }) };
  const recorded = await turn.tools.call("record_lot_progress", { projectId: target.project.id, lots: [lot] }, RecordLotResultSchema);
  if (!recorded.ok) return { text: `Avancement refusé : ${recorded.error}`, focus: focusOf(target.project) };
  const out = [recorded.text];
  if (/\b(prepar|factur|situation)/.test(normalizeText(turn.text))) {
    // A progress statement is billed when the schedule's trigger for it happens ("situation validée").
    const situation = (await projectTriggers(turn, target.project.id)).find((t) => t.kind === "progress");
    if (situation !== undefined) {
      const fact = await recordFact(turn, target.project, situation, undefined);
      out.push(fact.text);
    }
    out.push(...(await draftAndPropose(turn, target.project, true)));
  }
  return { text: out.join("\n"), focus: focusOf(target.project) };
};

const creditNote: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "issue_credit_note") return unsupported();
  const invoice = intent.invoiceNumber ?? turn.focus.invoice;
  if (invoice === undefined) return { text: "Sur quelle facture faut-il faire l'avoir (numéro, par exemple F-2026-0031) ?" };
  if (!turn.tools.can("issue_credit_note")) return unsupported();
  const input = { invoice, ...(intent.amount === undefined ? {} : { amount: intent.amount }), reason: intent.reason ?? "avoir demandé par l'utilisateur" };
  const proposal = await turn.tools.call("issue_credit_note", input, ProposalResultSchema);
  if (!proposal.ok) return { text: `Avoir impossible sur ${invoice} : ${proposal.error}`, focus: { invoice } };
  const what = proposal.value.status === "pending" ? "Avoir proposé : il attend votre confirmation." : proposal.text;
  return { text: `${proposal.value.pendingAction.summary.split("\n")[0] ?? ""}\n${what}`, focus: { invoice } };
};

/** The project's plan: per schedule item, what is invoiced, drafted, ready and remaining. */
async function billingStatusOf(turn: OfflineTurn, project: ProjectTarget): Promise<OfflineAnswer> {
  const status = await turn.tools.call("get_project_billing_status", { projectId: project.id }, BillingStatusResultSchema);
  if (!status.ok) return { text: `État de facturation indisponible : ${status.error}`, focus: focusOf(project) };
  const rows = status.value.contracts.flatMap((c) =>
    c.items.map((i) => [
      i.description,
      i.triggered ? `oui (${shortDate(i.triggeredOn)})` : "non",
      i.plannedAmount === null ? "—" : euros(i.plannedAmount),
      euros(i.invoicedAmount),
      euros(i.readyToInvoice),
      i.remainingAmount === null ? "—" : euros(i.remainingAmount),
    ]),
  );
  const table = textTable(["Échéance", "Déclenchée", "Prévu HT", "Facturé HT", "À facturer HT", "Reste HT"], rows, [2, 3, 4, 5]);
  return { text: [status.text, table].join("\n"), focus: focusOf(project) };
}

const billingStatus: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "billing_status") return unsupported();
  const target = await targetProject(turn, intent);
  if (!target.ok) return { text: target.question };
  return billingStatusOf(turn, target.project);
};

const monthEnd: IntentHandler = async (intent, turn) => {
  if (intent.intent !== "month_end_realized") return unsupported();
  if (intent.project !== undefined || intent.client !== undefined) {
    const target = await targetProject(turn, intent);
    if (!target.ok) return { text: target.question };
    return { text: (await draftAndPropose(turn, target.project, true)).join("\n"), focus: focusOf(target.project) };
  }
  return { text: await readyToInvoiceText(turn) };
};

/** What is ready to invoice across projects, as the tool lists it. */
async function readyToInvoiceText(turn: OfflineTurn): Promise<string> {
  const ready = await turn.tools.call("list_ready_to_invoice", {}, AnyResultSchema);
  if (!ready.ok) return `Liste des projets à facturer indisponible : ${ready.error}`;
  return `${ready.text}\nPour préparer et émettre l'une de ces factures, nommez le projet (par exemple « facture le projet Atlas »).`;
}

function unsupported(): OfflineAnswer {
  return { text: "Je ne sais pas encore traiter cette demande hors connexion : reformulez-la (par exemple « prépare la facture du projet Atlas »)." };
}

/** The offline preparation-facture agent: one handler per intent. */
export const PREPARATION_HANDLERS: Partial<Record<Intent["intent"], IntentHandler>> = {
  prepare_invoice: prepareInvoice,
  record_milestone: prepareInvoice,
  abandonment: prepareInvoice,
  record_time: recordTime,
  record_progress: recordProgress,
  issue_credit_note: creditNote,
  billing_status: billingStatus,
  month_end_realized: monthEnd,
};
