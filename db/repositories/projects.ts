import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { NotFoundError } from "../../engine/errors.js";
import { inputErrorFromZod } from "../../engine/scenario/inputErrorFromZod.js";
import { PricingSchema } from "../../engine/scenario/pricing.js";
import { ScheduleItemSchema } from "../../engine/scenario/scheduleItem.js";
import { PaymentTermsSchema } from "../../engine/terms/paymentTerms.js";
import { VatExemptionSchema, VatRateSchema } from "../../engine/vat/vatRate.js";
import type { Database } from "../database.js";
import { type ContractRow, type NewContractRow, type NewProjectRow, type ProjectRow, contracts, projects } from "../schema/projects.js";

export type Project = ProjectRow;
export type Contract = ContractRow;
export type ProjectInput = Omit<NewProjectRow, "id" | "createdAt">;

/** A contract as stored: pricing + schedule in the scenario format, validated by the engine's schemas. */
export const ContractInputSchema = z.object({
  ref: z.string().min(1).optional(),
  name: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide"),
  pricing: PricingSchema,
  schedule: z.array(ScheduleItemSchema, { error: "doit être une liste d'échéances" }),
  vatRate: VatRateSchema.default("20"),
  vatExemption: VatExemptionSchema.optional(),
  paymentTerms: PaymentTermsSchema.optional(),
});
export type ContractInput = z.input<typeof ContractInputSchema>;

function parseContract(input: ContractInput, field: string) {
  const parsed = ContractInputSchema.safeParse(input);
  if (!parsed.success) throw inputErrorFromZod(parsed.error, field);
  return parsed.data;
}

/** The row of a validated contract of a project (what is stored, and what an import compares with). */
export function contractValues(projectId: number, c: z.output<typeof ContractInputSchema>): NewContractRow {
  return {
    projectId,
    ref: c.ref ?? null,
    name: c.name,
    pricing: c.pricing,
    schedule: c.schedule,
    vatRate: c.vatRate,
    vatExemption: c.vatExemption ?? null,
    paymentTerms: c.paymentTerms ?? null,
  };
}

export interface ProjectWithContracts extends Project {
  readonly contracts: readonly Contract[];
}

/** Creates a project and its contracts (one for forfait or régie, two for mixte) in one transaction. */
export async function createProject(db: Database, input: ProjectInput, contractInputs: readonly ContractInput[]): Promise<ProjectWithContracts> {
  const parsed = contractInputs.map((c, i) => parseContract(c, `contracts[${i}]`));
  return db.transaction(async (tx) => {
    const [project] = await tx.insert(projects).values(input).returning();
    if (!project) throw new NotFoundError("projet non enregistré");
    const rows: Contract[] = [];
    for (const c of parsed) {
      const [row] = await tx.insert(contracts).values(contractValues(project.id, c)).returning();
      if (row) rows.push(row);
    }
    return { ...project, contracts: rows };
  });
}

export async function addContract(db: Database, projectId: number, input: ContractInput): Promise<Contract> {
  const c = parseContract(input, "contract");
  await getProject(db, projectId);
  const [row] = await db.insert(contracts).values(contractValues(projectId, c)).returning();
  if (!row) throw new NotFoundError("contrat non enregistré");
  return row;
}

export async function getProject(db: Database, id: number): Promise<ProjectWithContracts> {
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  if (!project) throw new NotFoundError(`projet ${id} introuvable`, { field: "projectId" });
  const rows = await db.select().from(contracts).where(eq(contracts.projectId, id)).orderBy(asc(contracts.id));
  return { ...project, contracts: rows };
}

export async function listProjects(db: Database, filter: { clientId?: number; status?: Project["status"] } = {}): Promise<Project[]> {
  const rows = await db.select().from(projects).orderBy(asc(projects.name), asc(projects.id));
  return rows.filter((p) => (filter.clientId === undefined || p.clientId === filter.clientId) && (filter.status === undefined || p.status === filter.status));
}

export async function getContract(db: Database, id: number): Promise<Contract> {
  const [row] = await db.select().from(contracts).where(eq(contracts.id, id));
  if (!row) throw new NotFoundError(`contrat ${id} introuvable`, { field: "contractId" });
  return row;
}

export async function setProjectStatus(db: Database, id: number, status: Project["status"]): Promise<Project> {
  const [row] = await db.update(projects).set({ status }).where(eq(projects.id, id)).returning();
  if (!row) throw new NotFoundError(`projet ${id} introuvable`, { field: "projectId" });
  return row;
}
