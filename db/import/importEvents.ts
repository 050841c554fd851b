import { eq } from "drizzle-orm";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import { toDecimal, toPlainString } from "../../engine/money/money.js";
import { parseScenario } from "../../engine/scenario/parseScenario.js";
import { SCENARIO_FORMAT } from "../../engine/scenario/scenario.js";
import { canonicalJson, sha256Hex } from "../canonicalDigest.js";
import { markEventsBilled, recordEvent } from "../repositories/events.js";
import { findInvoice } from "../repositories/invoiceQueries.js";
import type { Contract } from "../repositories/projects.js";
import { events } from "../schema/events.js";
import { contracts, projects } from "../schema/projects.js";

import type { ImportContext } from "./importContext.js";
import type { EventImport } from "./importFormat.js";
import { assertSameRecord } from "./recordConflict.js";

const plain = (value: string | null | undefined) => (value === undefined || value === null ? null : toPlainString(toDecimal(value)));

/** Where an event belongs: its contract ref, or its project's only contract (or only contract recording work, for an action). */
async function resolveContract(ctx: ImportContext, e: EventImport, field: string): Promise<Contract> {
  if (e.contract !== undefined) {
    const [row] = await ctx.tx.select().from(contracts).where(eq(contracts.ref, e.contract));
    if (!row) throw new NotFoundError(`contrat « ${e.contract} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.contract` });
    return row;
  }
  const ref = e.project ?? "";
  const [project] = await ctx.tx.select().from(projects).where(eq(projects.ref, ref));
  if (!project) throw new NotFoundError(`projet « ${ref} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.project` });
  const all = await ctx.tx.select().from(contracts).where(eq(contracts.projectId, project.id)).orderBy(contracts.id);
  const candidates = all.length > 1 && e.type === "action" ? all.filter((c) => c.pricing.type === "rate" || c.pricing.type === "per_action") : all;
  const [only] = candidates;
  if (candidates.length !== 1 || !only) {
    throw new InputError(`le projet « ${ref} » a ${all.length} contrats (${all.map((c) => c.ref ?? c.name).join(", ")}) : indiquer le contrat`, { field: `${field}.contract` });
  }
  return only;
}

/** The identity of an event without a ref: its content, and its rank among identical events of the file. */
function contentKey(contractRef: string, e: EventImport): string {
  return sha256Hex(
    canonicalJson({
      contract: contractRef,
      date: e.date,
      type: e.type,
      name: e.name ?? null,
      quantity: e.type === "action" ? plain(e.quantity ?? "1") : null,
      description: e.description ?? null,
      lot: e.lot ?? null,
      percent: plain(e.percent),
      amount: plain(e.amount),
    }),
  ).slice(0, 24);
}

/** The event as the scenario format writes it (what the engine validates and replays). */
function scenarioEvent(e: EventImport): Record<string, unknown> {
  const base = { date: e.date, type: e.type };
  if (e.type === "action") return { ...base, name: e.name, quantity: e.quantity ?? "1" };
  if (e.type === "state" || e.type === "event") return { ...base, name: e.name };
  if (e.type === "progress") return { ...base, lot: e.lot, ...(e.percent !== undefined ? { percent: e.percent } : { amount: e.amount }) };
  return base;
}

/**
 * Records events on their contracts. Each contract's events are first checked by the engine against
 * its pricing and schedule (parseScenario: an action unknown to a price list, an unknown lot…).
 * An event is identified by its `ref`, or by its content and rank among identical events of the file,
 * so a re-import skips it. `billedBy` marks realized work as billed by an (imported) invoice.
 */
export async function importEvents(ctx: ImportContext, list: readonly EventImport[]): Promise<void> {
  const resolved: { e: EventImport; index: number; contract: Contract }[] = [];
  for (const [index, e] of list.entries()) resolved.push({ e, index, contract: await resolveContract(ctx, e, `events[${index}]`) });

  const byContract = new Map<number, typeof resolved>();
  for (const r of resolved) byContract.set(r.contract.id, [...(byContract.get(r.contract.id) ?? []), r]);
  for (const group of byContract.values()) {
    const contract = group[0]?.contract;
    if (!contract) continue;
    const parsed = parseScenario({ format: SCENARIO_FORMAT, pricing: contract.pricing, schedule: contract.schedule, events: group.map((r) => scenarioEvent(r.e)) });
    if (!parsed.ok) {
      const match = /^events\[(\d+)\](.*)$/.exec(parsed.error.field ?? "");
      const original = match ? group[Number.parseInt(match[1] ?? "0", 10)]?.index : undefined;
      throw parsed.error.withField(original !== undefined ? `events[${original}]${match?.[2] ?? ""}` : `events (contrat « ${contract.ref ?? contract.name} »)`);
    }
  }

  const ranks = new Map<string, number>();
  for (const { e, index, contract } of resolved) {
    const field = `events[${index}]`;
    let ref = e.ref;
    if (ref === undefined) {
      const key = contentKey(contract.ref ?? String(contract.id), e);
      const rank = (ranks.get(key) ?? 0) + 1;
      ranks.set(key, rank);
      ref = `auto:${key}:${rank}`;
    }
    let billedInvoiceId: number | null = null;
    if (e.billedBy !== undefined) {
      const invoice = await findInvoice(ctx.tx, e.billedBy);
      if (!invoice || invoice.status === "draft") throw new NotFoundError(`facture « ${e.billedBy} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.billedBy` });
      if (invoice.clientId !== (await clientOfContract(ctx, contract))) throw new RuleError(`la facture « ${e.billedBy} » est celle d'un autre client`, { field: `${field}.billedBy` });
      billedInvoiceId = invoice.id;
    }
    const values = {
      contractId: contract.id,
      type: e.type,
      occurredOn: e.date,
      name: e.name ?? null,
      quantity: e.type === "action" ? plain(e.quantity ?? "1") : plain(e.quantity),
      description: e.description ?? null,
      lot: e.lot ?? null,
      percent: plain(e.percent),
      amount: plain(e.amount),
    };
    const [stored] = await ctx.tx.select().from(events).where(eq(events.ref, ref));
    if (stored) {
      const storedValues = { ...stored, quantity: plain(stored.quantity), percent: plain(stored.percent), amount: plain(stored.amount) };
      assertSameRecord(field, `l'événement « ${ref} »`, { ...values, ...(billedInvoiceId !== null ? { billedInvoiceId } : {}) }, storedValues);
      ctx.counts.events.unchanged += 1;
      continue;
    }
    const row = await recordEvent(ctx.tx, {
      ...values,
      ref,
      quantity: values.quantity === null ? undefined : toDecimal(values.quantity),
      percent: values.percent === null ? undefined : toDecimal(values.percent),
      amount: values.amount === null ? undefined : toDecimal(values.amount),
      recordedBy: ctx.actor,
    });
    if (billedInvoiceId !== null) await markEventsBilled(ctx.tx, [row.id], billedInvoiceId);
    ctx.counts.events.created += 1;
  }
}

async function clientOfContract(ctx: ImportContext, contract: Contract): Promise<number | undefined> {
  const [row] = await ctx.tx.select({ clientId: projects.clientId }).from(projects).where(eq(projects.id, contract.projectId));
  return row?.clientId;
}
