import { InputError } from "../errors.js";
import type { BillingEvent } from "./billingEvent.js";
import type { Contract } from "./contract.js";
import { billKind } from "./scheduleItem.js";

/**
 * Checks what a schema alone cannot: that the schedule fits the pricing and that the events name
 * things the pricing knows. Returns the first refusal (French, naming the field), or undefined.
 *   - `percent` needs a price (flat or lots); `realized` needs work (rate or per_action);
 *     `progress` needs lots;
 *   - an `attendancePercent` condition needs a `plannedQuantity`;
 *   - an action event must be in a per_action price list; a progress event must name a known lot.
 */
export function checkReferences(contract: Contract, events: readonly BillingEvent[]): InputError | undefined {
  const { pricing } = contract;
  for (const [i, item] of contract.schedule.entries()) {
    const kind = billKind(item.bill);
    if (kind === "percent" && pricing.type !== "flat" && pricing.type !== "lots") {
      return new InputError("un pourcentage ne s'applique qu'à un forfait (flat) ou à des lots", { field: `schedule[${i}].bill.percent` });
    }
    if (kind === "realized" && pricing.type !== "rate" && pricing.type !== "per_action") {
      return new InputError("le réalisé ne s'applique qu'à une tarification au taux (rate) ou par action (per_action)", { field: `schedule[${i}].bill.realized` });
    }
    if (kind === "progress" && pricing.type !== "lots") {
      return new InputError("l'avancement ne s'applique qu'à une tarification par lots (lots)", { field: `schedule[${i}].bill.progress` });
    }
    if (item.conditions?.attendancePercent !== undefined) {
      const planned = pricing.type === "rate" || pricing.type === "per_action" ? pricing.plannedQuantity : undefined;
      if (planned === undefined) {
        return new InputError("l'assiduité se mesure par rapport à pricing.plannedQuantity, absent de la tarification", {
          field: `schedule[${i}].conditions.attendancePercent`,
        });
      }
    }
  }
  for (const [i, event] of events.entries()) {
    if (event.type === "action" && pricing.type === "per_action" && !pricing.actions.some((a) => a.name === event.name)) {
      return new InputError(`action inconnue de la liste de prix (« ${event.name} »)`, { field: `events[${i}].name` });
    }
    if (event.type === "progress") {
      if (pricing.type !== "lots") return new InputError("un avancement suppose une tarification par lots (lots)", { field: `events[${i}].lot` });
      if (!pricing.lots.some((l) => l.name === event.lot)) return new InputError(`lot inconnu (« ${event.lot} »)`, { field: `events[${i}].lot` });
    }
  }
  return undefined;
}
