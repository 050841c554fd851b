import { eq } from "drizzle-orm";
import { NotFoundError } from "../../engine/errors.js";
import { parseScenario } from "../../engine/scenario/parseScenario.js";
import { SCENARIO_FORMAT } from "../../engine/scenario/scenario.js";
import { findClientByRef } from "../repositories/clients.js";
import { addContract, type Contract, contractValues, createProject, type ContractInput } from "../repositories/projects.js";
import { contracts, projects } from "../schema/projects.js";
import { joinField, underField } from "./fieldPath.js";
import type { ImportContext } from "./importContext.js";
import type { ContractImport, ProjectImport } from "./importFormat.js";
import { assertSameRecord } from "./recordConflict.js";

/** A contract's ref in the import: its own, else `<project ref>/<position from 1>`. */
export function contractRefOf(project: ProjectImport, index: number): string {
  return project.contracts[index]?.ref ?? `${project.ref}/${index + 1}`;
}

export async function findContractByRef(ctx: ImportContext, ref: string): Promise<Contract | undefined> {
  const [row] = await ctx.tx.select().from(contracts).where(eq(contracts.ref, ref));
  return row;
}

/** Checks the schedule against the pricing with the engine's own rules (e.g. a percent needs a price). */
export function checkContractSchedule(contract: Pick<ContractImport, "pricing" | "schedule">, field: string): void {
  const parsed = parseScenario({ format: SCENARIO_FORMAT, pricing: contract.pricing, schedule: contract.schedule, events: [] });
  if (!parsed.ok) throw parsed.error.withField(parsed.error.field ? joinField(field, parsed.error.field) : field);
}

/** The contract as the projects repository takes it (its schema validates it once more). */
function contractInput(c: ContractImport, ref: string): ContractInput {
  return { ref, name: c.name, pricing: c.pricing, schedule: c.schedule, vatRate: c.vatRate, vatExemption: c.vatExemption, paymentTerms: c.paymentTerms };
}

/**
 * Creates projects (by `ref`) with their contracts; on a known project, adds the contracts it lacks.
 * An identical project or contract is left alone; one with other values is refused. A project's
 * status is not compared (it changes with the life of the project).
 */
export async function importProjects(ctx: ImportContext, list: readonly ProjectImport[]): Promise<void> {
  for (const [i, p] of list.entries()) {
    const field = `projects[${i}]`;
    p.contracts.forEach((c, j) => checkContractSchedule(c, `${field}.contracts[${j}]`));
    const client = await findClientByRef(ctx.tx, p.client);
    if (!client) throw new NotFoundError(`client « ${p.client} » introuvable (ni dans le fichier ni en base)`, { field: `${field}.client` });
    const values = {
      clientId: client.id,
      name: p.name,
      billingMode: p.billingMode,
      buyerReference: p.buyerReference ?? null,
      purchaseOrder: p.purchaseOrder ?? null,
      notes: p.notes ?? null,
    };
    const [stored] = await ctx.tx.select().from(projects).where(eq(projects.ref, p.ref));
    if (!stored) {
      await underField(field, () =>
        createProject(
          ctx.tx,
          { ref: p.ref, ...values, status: p.status },
          p.contracts.map((c, j) => contractInput(c, contractRefOf(p, j))),
        ),
      );
      ctx.counts.projects.created += 1;
      ctx.counts.contracts.created += p.contracts.length;
      continue;
    }
    assertSameRecord(field, `le projet « ${p.ref} »`, values, stored);
    ctx.counts.projects.unchanged += 1;
    for (const [j, c] of p.contracts.entries()) {
      const ref = contractRefOf(p, j);
      const existing = await findContractByRef(ctx, ref);
      if (!existing) {
        await underField(`${field}.contracts[${j}]`, () => addContract(ctx.tx, stored.id, contractInput(c, ref)));
        ctx.counts.contracts.created += 1;
        continue;
      }
      assertSameRecord(`${field}.contracts[${j}]`, `le contrat « ${ref} »`, contractValues(stored.id, { ...c, ref }), existing);
      ctx.counts.contracts.unchanged += 1;
    }
  }
}
