import type { BillingStatusResult } from "./toolResults.js";

export type NamedTriggerType = "action" | "state" | "event";

/** A named fact a schedule item waits for ("maquettes validées", "Abandon"), as the billing status describes it. */
export interface NamedTrigger {
  readonly contractId: number;
  readonly type: NamedTriggerType;
  readonly name: string;
  readonly triggered: boolean;
  /** What the item bills (e.g. progress by lot). */
  readonly kind: string;
  readonly description: string;
}

const TYPE_OF: Readonly<Record<string, NamedTriggerType>> = { action: "action", état: "state", événement: "event" };
const DESCRIBED = /à l['’](action|état|événement) « ([^»]+) »/u;

/**
 * The named triggers of a project's schedule items, read from the French descriptions the
 * billing status tool gives ("30 % à l'état « maquettes validées »").
 */
export function namedTriggers(status: BillingStatusResult): NamedTrigger[] {
  return status.contracts.flatMap((contract) =>
    contract.items.flatMap((item) => {
      const m = DESCRIBED.exec(item.description);
      const type = m?.[1] === undefined ? undefined : TYPE_OF[m[1]];
      if (type === undefined || m?.[2] === undefined) return [];
      return [{ contractId: contract.contractId, type, name: m[2].trim(), triggered: item.triggered, kind: item.kind, description: item.description }];
    }),
  );
}
