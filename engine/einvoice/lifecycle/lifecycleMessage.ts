import type { IsoDate } from "../../dates/plainDate.js";
import type { Decimal } from "../../money/money.js";
import type { LifecycleStatusCode } from "./lifecycleStatus.js";

/** A local date-time "2025-07-01T16:10:00" (CDAR format 204 carries no time zone). */
export type LocalDateTime = string;

/** A party of a lifecycle message: a GlobalID (0002 SIREN, 0238 platform number…), a name, a role (SE, BY, WK, DFH). */
export interface CdarParty {
  readonly globalId?: { readonly scheme: string; readonly value: string } | undefined;
  readonly name?: string | undefined;
  readonly role: string;
  /** MDT-73: the electronic address (scheme 0225) the message is routed to. */
  readonly electronicAddress?: { readonly scheme: string; readonly value: string } | undefined;
}

/** One reason of a status (MDT-113 code, MDT-114 text, MDT-126 free note). */
export interface CdarReason {
  readonly code?: string | undefined;
  readonly text?: string | undefined;
  readonly note?: string | undefined;
}

/** An amount of the status (MDT-207 type MEN « montant encaissé », MDT-215 amount, MDT-224 VAT rate). */
export interface CdarAmount {
  readonly rate: string;
  readonly amount: Decimal;
}

/**
 * A CDAR D22B lifecycle message about one invoice (CDV « MONO »), the fields of XP Z12-012 annexe A
 * that the official examples use.
 */
export interface LifecycleMessage {
  /** MDT-4, unique per message. */
  readonly documentId: string;
  /** MDT-5. */
  readonly name?: string | undefined;
  /** MDT-8: when the message was created. */
  readonly createdAt: LocalDateTime;
  /** MDT-21: the sender's role (WK in the examples). */
  readonly senderRole?: string | undefined;
  /** MDT-38…40: who states the status (SE seller, BY buyer, WK platform). */
  readonly issuer: CdarParty;
  /** MDT-57…73: who it is for (the other party, and the tax administration's concentrator DFH). */
  readonly recipients: readonly CdarParty[];
  /** MDT-78: when the status took effect (for 212: the day of collection). */
  readonly statusAt: LocalDateTime;
  readonly invoice: {
    /** MDT-87: BT-1. */
    readonly number: string;
    /** MDT-91: BT-3 (380, 386, 381…). */
    readonly typeCode: string;
    /** MDT-100: BT-2. */
    readonly issueDate?: IsoDate | undefined;
    /** MDT-95: when the platform received the invoice (its « Déposée » status). */
    readonly receivedAt?: LocalDateTime | undefined;
    /** MDT-129: the SIREN of the invoice's seller. */
    readonly sellerSiren?: string | undefined;
  };
  readonly status: LifecycleStatusCode;
  readonly reasons: readonly CdarReason[];
  readonly amounts: readonly CdarAmount[];
}
