/**
 * The lifecycle statuses of an invoice (« statuts du cycle de vie », XP Z12-012 annexe A), as the
 * CDAR D22B messages carry them (MDT-105 ProcessConditionCode / MDT-106 ProcessCondition), with the
 * UNTDID 4343 status code (MDT-88) and the CDAR document type (MDT-77: 305 from a platform, 23 from a
 * party) the official examples of XP Z12-014 use. 200, 210, 212 and 213 are mandatory.
 */
export const LIFECYCLE_STATUS_CODES = ["200", "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214", "220"] as const;
export type LifecycleStatusCode = (typeof LIFECYCLE_STATUS_CODES)[number];

export interface LifecycleStatusInfo {
  /** French label, as people read it. */
  readonly label: string;
  /** MDT-106 as written in the messages (words joined by « _ »). */
  readonly condition: string;
  /** MDT-88, UNTDID 4343, as the official examples use it (only where they show one). */
  readonly statusCode?: string | undefined;
  /** MDT-77: 305 (platform acknowledgement) or 23 (party response). */
  readonly documentTypeCode: "305" | "23";
}

export const LIFECYCLE_STATUSES: Readonly<Record<LifecycleStatusCode, LifecycleStatusInfo>> = {
  "200": { label: "Déposée", condition: "Déposée", statusCode: "10", documentTypeCode: "305" },
  "201": { label: "Émise par la plateforme", condition: "Émise_par_la_plateforme", documentTypeCode: "305" },
  "202": { label: "Reçue par la plateforme", condition: "Reçue", statusCode: "43", documentTypeCode: "305" },
  "203": { label: "Mise à disposition", condition: "Mise_à_disposition", statusCode: "48", documentTypeCode: "305" },
  "204": { label: "Prise en charge", condition: "Prise_en_charge", statusCode: "45", documentTypeCode: "23" },
  "205": { label: "Approuvée", condition: "Approuvée", statusCode: "1", documentTypeCode: "23" },
  "206": { label: "Approuvée partiellement", condition: "Approuvée_partiellement", documentTypeCode: "23" },
  "207": { label: "En litige", condition: "En_litige", statusCode: "46", documentTypeCode: "23" },
  "208": { label: "Suspendue", condition: "Suspendue", documentTypeCode: "23" },
  "209": { label: "Complétée", condition: "Complétée", documentTypeCode: "23" },
  "210": { label: "Refusée", condition: "Refusée", statusCode: "50", documentTypeCode: "23" },
  "211": { label: "Paiement transmis", condition: "Paiement_transmis", statusCode: "47", documentTypeCode: "23" },
  "212": { label: "Encaissée", condition: "Encaissée", statusCode: "47", documentTypeCode: "23" },
  "213": { label: "Rejetée", condition: "Rejetée", statusCode: "8", documentTypeCode: "305" },
  "214": { label: "Visée", condition: "Visée", documentTypeCode: "23" },
  "220": { label: "Annulée", condition: "Annulée", documentTypeCode: "23" },
};

export function isLifecycleStatusCode(code: string): code is LifecycleStatusCode {
  return (LIFECYCLE_STATUS_CODES as readonly string[]).includes(code);
}

/**
 * What a status received for one of our invoices does (the README's table):
 * - `rejected` 213: the platform refused the file — the invoice is flagged with the reason, to be corrected
 *   (credit note, then a corrected invoice) and deposited again;
 * - `refused` 210: the buyer refused it — dunning is suspended and a total credit note is proposed;
 * - `disputed` 207: the dispute flag goes on (reminders suspended);
 * - `payment_sent` 211: shown; the payment is recorded only when the money arrives;
 * - `informative`: shown in the invoice's history.
 */
export type LifecycleEffect = "rejected" | "refused" | "disputed" | "payment_sent" | "informative";

export function lifecycleEffect(code: LifecycleStatusCode): LifecycleEffect {
  switch (code) {
    case "213":
      return "rejected";
    case "210":
      return "refused";
    case "207":
      return "disputed";
    case "211":
      return "payment_sent";
    default:
      return "informative";
  }
}
