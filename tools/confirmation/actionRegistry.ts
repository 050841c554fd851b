import { NotFoundError, SystemError } from "../../engine/errors.js";
import type { Action } from "./actionDefinition.js";
import type { ActionKind } from "./actionKind.js";

/** The executors, keyed by action kind. Built once from the tool registry (`tools/index.ts`). */
export interface ActionRegistry {
  get(kind: ActionKind): Action;
  has(action: Action): boolean;
  kinds(): readonly ActionKind[];
}

export function createActionRegistry(actions: Iterable<Action>): ActionRegistry {
  const byKind = new Map<ActionKind, Action>();
  for (const action of actions) {
    const known = byKind.get(action.kind);
    if (known && known !== action) throw new SystemError(`deux exécuteurs pour l'action ${action.kind}`, { code: "duplicate_action" });
    byKind.set(action.kind, action);
  }
  return {
    get(kind) {
      const action = byKind.get(kind);
      if (!action) throw new NotFoundError(`aucun exécuteur pour l'action ${kind}`);
      return action;
    },
    has: (action) => byKind.get(action.kind) === action,
    kinds: () => [...byKind.keys()],
  };
}
