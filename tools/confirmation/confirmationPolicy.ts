import { InputError } from "../../engine/errors.js";
import { Decimal, isDecimalString, toDecimal } from "../../engine/money/money.js";
import type { Role } from "../session.js";
import type { ActionPreview } from "./actionPreview.js";

/**
 * Who may confirm what, and for how long a proposal stays valid. Above `financeThreshold`
 * (compared with the preview's amount at stake, usually the TTC) only `financeRoles` may confirm,
 * and only out of band: an elicitation "accept" is not enough.
 */
export interface ConfirmationPolicy {
  readonly financeThreshold: Decimal;
  readonly financeRoles: readonly Role[];
  readonly ttlMinutes: number;
}

export const DEFAULT_CONFIRMATION_POLICY: ConfirmationPolicy = {
  financeThreshold: new Decimal("10000"),
  financeRoles: ["finance", "admin"],
  ttlMinutes: 15,
};

/** Reads FACTURATION_FINANCE_THRESHOLD ("10000.00") and FACTURATION_CONFIRMATION_TTL_MINUTES. */
export function confirmationPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): ConfirmationPolicy {
  const threshold = env.FACTURATION_FINANCE_THRESHOLD;
  const ttl = env.FACTURATION_CONFIRMATION_TTL_MINUTES;
  if (threshold !== undefined && !isDecimalString(threshold)) {
    throw new InputError("doit être un montant décimal, par exemple 10000.00", { field: "FACTURATION_FINANCE_THRESHOLD" });
  }
  if (ttl !== undefined && !/^[1-9]\d{0,3}$/.test(ttl)) {
    throw new InputError("doit être un nombre entier de minutes entre 1 et 9999", { field: "FACTURATION_CONFIRMATION_TTL_MINUTES" });
  }
  return {
    ...DEFAULT_CONFIRMATION_POLICY,
    financeThreshold: threshold !== undefined ? toDecimal(threshold) : DEFAULT_CONFIRMATION_POLICY.financeThreshold,
    ttlMinutes: ttl !== undefined ? Number.parseInt(ttl, 10) : DEFAULT_CONFIRMATION_POLICY.ttlMinutes,
  };
}

/** True when the amount at stake is strictly above the finance threshold. */
export function requiresFinanceApproval(policy: ConfirmationPolicy, preview: ActionPreview): boolean {
  return toDecimal(preview.amountAtStake).abs().greaterThan(policy.financeThreshold);
}

export function mayConfirm(policy: ConfirmationPolicy, role: Role, preview: ActionPreview): boolean {
  return !requiresFinanceApproval(policy, preview) || policy.financeRoles.includes(role);
}
