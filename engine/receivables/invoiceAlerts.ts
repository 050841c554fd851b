import { z } from "zod";
import { daysBetween, formatDateShortFr, type IsoDate } from "../dates/plainDate.js";
import { formatEuros } from "../money/formatEuros.js";
import { type Decimal, toDecimal } from "../money/money.js";
import { AmountStringSchema } from "../wire/decimalString.js";
import type { InvoiceReceivable } from "./invoiceReceivable.js";

const Days = z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(0, "ne peut pas être négatif");

/**
 * Per-invoice alert thresholds (DESIGN.md), all inclusive as written here. With d = days until the
 * due date (dueDate − asOf) and L = days late (asOf − dueDate), on an invoice with something left to pay:
 * - info `due_soon`      when 0 ≤ d ≤ dueSoonDays (5): due today or within 5 days, not late yet;
 * - warning `overdue`    when lateWarningDays (1) ≤ L < reminderDays;
 * - alert `reminder_due` when reminderDays (7) ≤ L < escalationDays (R1 is due);
 * - critical `escalate`  when L ≥ escalationDays (30);
 * - critical `large_unpaid` in addition, when L ≥ 1 and outstanding > managementAmount (10 000.00 €,
 *   strictly: 10 000.00 is not an alert, 10 000.01 is). Amounts not yet due are not "unpaid".
 * Only the most severe of the lateness alerts is given (an invoice 40 days late gets `escalate`, not
 * also `overdue` and `reminder_due`). Paid invoices raise nothing. Disputed invoices keep their alerts,
 * flagged `disputed`.
 */
export const InvoiceAlertThresholdsSchema = z.object({
  dueSoonDays: Days.default(5),
  lateWarningDays: Days.min(1, "doit être au moins 1").default(1),
  reminderDays: Days.default(7),
  escalationDays: Days.default(30),
  managementAmount: AmountStringSchema.default("10000.00"),
});
export type InvoiceAlertThresholds = z.infer<typeof InvoiceAlertThresholdsSchema>;
export const DEFAULT_INVOICE_ALERT_THRESHOLDS: InvoiceAlertThresholds = InvoiceAlertThresholdsSchema.parse({});

export const AlertSeveritySchema = z.enum(["info", "warning", "alert", "critical"]);
export type AlertSeverity = z.infer<typeof AlertSeveritySchema>;
export const InvoiceAlertCodeSchema = z.enum(["due_soon", "overdue", "reminder_due", "escalate", "large_unpaid"]);
export type InvoiceAlertCode = z.infer<typeof InvoiceAlertCodeSchema>;

const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, alert: 2, critical: 3 };

export interface InvoiceAlert {
  readonly code: InvoiceAlertCode;
  readonly severity: AlertSeverity;
  readonly invoiceId: string;
  readonly number: string;
  readonly clientId: string;
  readonly clientName: string | undefined;
  readonly dueDate: IsoDate;
  readonly outstanding: Decimal;
  /** Days late (0 when not late). */
  readonly daysOverdue: number;
  /** Days until the due date (negative when late). */
  readonly daysUntilDue: number;
  readonly disputed: boolean;
  /** One French sentence. */
  readonly message: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/** The alerts raised by one invoice as of `asOf` (see `InvoiceAlertThresholdsSchema` for the rules). */
export function invoiceAlerts(
  receivable: InvoiceReceivable,
  asOf: IsoDate,
  thresholds: InvoiceAlertThresholds = DEFAULT_INVOICE_ALERT_THRESHOLDS,
): InvoiceAlert[] {
  if (receivable.outstanding.isZero()) return [];
  const daysUntilDue = daysBetween(asOf, receivable.dueDate);
  const late = daysUntilDue < 0 ? -daysUntilDue : 0;
  const dueSoon = daysUntilDue >= 0 && daysUntilDue <= thresholds.dueSoonDays;
  const largeUnpaid = late >= 1 && receivable.outstanding.greaterThan(toDecimal(thresholds.managementAmount));
  const lateAlert = late >= thresholds.escalationDays || late >= thresholds.reminderDays || late >= thresholds.lateWarningDays;
  if (!dueSoon && !largeUnpaid && !lateAlert) return [];
  const who = `${receivable.number}${receivable.clientName ? ` (${receivable.clientName})` : ""}`;
  const amount = formatEuros(receivable.outstanding);
  const dispute = receivable.disputed ? " Facture en litige." : "";
  const make = (code: InvoiceAlertCode, severity: AlertSeverity, text: string): InvoiceAlert => ({
    code,
    severity,
    invoiceId: receivable.invoiceId,
    number: receivable.number,
    clientId: receivable.clientId,
    clientName: receivable.clientName,
    dueDate: receivable.dueDate,
    outstanding: receivable.outstanding,
    daysOverdue: late,
    daysUntilDue,
    disputed: receivable.disputed,
    message: `${text}${dispute}`,
  });

  const alerts: InvoiceAlert[] = [];
  if (dueSoon) {
    const when = daysUntilDue === 0 ? "aujourd'hui" : `dans ${plural(daysUntilDue, "jour")} (${formatDateShortFr(receivable.dueDate)})`;
    alerts.push(make("due_soon", "info", `Facture ${who} : échéance ${when}, reste ${amount} à encaisser.`));
  }
  const lateText = () => `Facture ${who} : ${plural(late, "jour")} de retard, reste dû ${amount}`;
  if (late >= thresholds.escalationDays) {
    alerts.push(make("escalate", "critical", `${lateText()} ; à escalader.`));
  } else if (late >= thresholds.reminderDays) {
    alerts.push(make("reminder_due", "alert", `${lateText()} ; première relance (R1) à envoyer.`));
  } else if (late >= thresholds.lateWarningDays) {
    alerts.push(make("overdue", "warning", `${lateText()}.`));
  }
  if (largeUnpaid) {
    alerts.push(
      make("large_unpaid", "critical", `Facture ${who} : impayé de ${amount}, au-delà de ${formatEuros(toDecimal(thresholds.managementAmount))} ; à signaler à la direction.`),
    );
  }
  return alerts;
}

/** The alerts of all `receivables`, most severe first, then the latest, then by number. */
export function receivableAlerts(
  receivables: readonly InvoiceReceivable[],
  asOf: IsoDate,
  thresholds: InvoiceAlertThresholds = DEFAULT_INVOICE_ALERT_THRESHOLDS,
): InvoiceAlert[] {
  return receivables
    .flatMap((r) => invoiceAlerts(r, asOf, thresholds))
    .sort(
      (a, b) =>
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number) || a.code.localeCompare(b.code),
    );
}
