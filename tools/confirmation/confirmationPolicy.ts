import { InputError } from "../../engine/errors.js";
import { findSellerSettings } from "../../db/repositories/seller.js";
import type { Database } from "../../db/database.js";
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

/** Where the gate reads its policy, at each proposal and each confirmation (settings may change). */
export type ConfirmationPolicySource = () => Promise<ConfirmationPolicy>;

/** A policy that never changes (tests, embedding). */
export function fixedConfirmationPolicy(policy: ConfirmationPolicy): ConfirmationPolicySource {
  return () => Promise.resolve(policy);
}

interface EnvOverrides {
  readonly financeThreshold: Decimal | undefined;
  readonly ttlMinutes: number;
}

/** Validates FACTURATION_FINANCE_THRESHOLD ("10000.00") and FACTURATION_CONFIRMATION_TTL_MINUTES. */
function envOverrides(env: Readonly<Record<string, string | undefined>>): EnvOverrides {
  const threshold = env.FACTURATION_FINANCE_THRESHOLD;
  const ttl = env.FACTURATION_CONFIRMATION_TTL_MINUTES;
  if (threshold !== undefined && !isDecimalString(threshold)) {
    throw new InputError("doit être un montant décimal, par exemple 10000.00", { field: "FACTURATION_FINANCE_THRESHOLD" });
  }
  if (ttl !== undefined && !/^[1-9]\d{0,3}$/.test(ttl)) {
    throw new InputError("doit être un nombre entier de minutes entre 1 et 9999", { field: "FACTURATION_CONFIRMATION_TTL_MINUTES" });
  }
  return {
    financeThreshold: threshold !== undefined ? toDecimal(threshold) : undefined,
    ttlMinutes: ttl !== undefined ? Number.parseInt(ttl, 10) : DEFAULT_CONFIRMATION_POLICY.ttlMinutes,
  };
}

/**
 * The policy of a running installation. The finance threshold is the seller's
 * `seller_settings.finance_approval_threshold`, read at each use (so a change applies to the next
 * proposal or confirmation); FACTURATION_FINANCE_THRESHOLD, when set, overrides it; without seller
 * settings it is 10 000 €. The environment is validated immediately (a bad value fails at start).
 */
export function confirmationPolicyFromSettings(db: Database, env: Readonly<Record<string, string | undefined>> = process.env): ConfirmationPolicySource {
  const overrides = envOverrides(env);
  return async () => {
    const financeThreshold =
      overrides.financeThreshold ?? (await findSellerSettings(db))?.financeApprovalThreshold ?? DEFAULT_CONFIRMATION_POLICY.financeThreshold;
    return { ...DEFAULT_CONFIRMATION_POLICY, financeThreshold, ttlMinutes: overrides.ttlMinutes };
  };
}

/** True when the amount at stake is strictly above the finance threshold. */
export function requiresFinanceApproval(policy: ConfirmationPolicy, preview: ActionPreview): boolean {
  return toDecimal(preview.amountAtStake).abs().greaterThan(policy.financeThreshold);
}

export function mayConfirm(policy: ConfirmationPolicy, role: Role, preview: ActionPreview): boolean {
  return !requiresFinanceApproval(policy, preview) || policy.financeRoles.includes(role);
}
