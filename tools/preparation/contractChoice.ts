import type { Contract as ContractRow, ProjectWithContracts } from "../../db/repositories/projects.js";
import { InputError, NotFoundError, RuleError } from "../../engine/errors.js";

/**
 * The contract of a project a recording is for: the one given (it must belong to the project),
 * else the only active contract that `fits` (e.g. a régie for time entries). Several fitting
 * contracts: the caller must say which (French error naming `contractId`, listing them).
 */
export function chooseContract(
  project: ProjectWithContracts,
  contractId: number | undefined,
  fits: (contract: ContractRow) => boolean,
  what: string,
): ContractRow {
  if (project.status !== "active") {
    throw new RuleError(`le projet ${project.name} est ${project.status === "closed" ? "clos" : "abandonné"} : rien ne peut y être enregistré`, { field: "projectId", code: "project_not_active" });
  }
  if (contractId !== undefined) {
    const contract = project.contracts.find((c) => c.id === contractId);
    if (!contract) throw new NotFoundError(`le contrat ${contractId} n'appartient pas au projet ${project.name}`, { field: "contractId" });
    if (!fits(contract)) throw new InputError(`le contrat « ${contract.name} » ne convient pas : ${what}`, { field: "contractId" });
    return contract;
  }
  const candidates = project.contracts.filter((c) => c.status === "active" && fits(c));
  const [only] = candidates;
  if (candidates.length === 1 && only) return only;
  if (candidates.length === 0) throw new InputError(`aucun contrat actif du projet ${project.name} ne convient : ${what}`, { field: "contractId" });
  throw new InputError(`précisez le contrat : ${candidates.map((c) => `${c.id} « ${c.name} »`).join(", ")}`, { field: "contractId" });
}
