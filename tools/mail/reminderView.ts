import { daysBetween, formatDateFr } from "../../engine/dates/plainDate.js";
import { formatEuros, formatPercent } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import type { ParsedReminderInput, ReminderLevel } from "./reminderInput.js";

/**
 * What the templates see: every value already formatted in French as a string (or null when absent).
 * Templates only place these strings; they never compute or format amounts and dates themselves.
 */
export interface ReminderView {
  readonly level: ReminderLevel;
  readonly asOf: string;
  readonly deadline: string | null;
  /** "dans 5 jours", "aujourd'hui" before the due date; "7 jours" after it. */
  readonly timing: string;
  readonly partiallyPaid: boolean;
  readonly client: { readonly name: string; readonly contactName: string | null };
  readonly seller: {
    readonly legalName: string;
    readonly email: string;
    readonly contactName: string | null;
    readonly phone: string | null;
    readonly addressLines: readonly string[];
    readonly siren: string | null;
    readonly iban: string | null;
    readonly bic: string | null;
  };
  readonly invoice: {
    readonly number: string;
    readonly issueDate: string;
    readonly dueDate: string;
    readonly amountDue: string;
    readonly outstanding: string;
  };
  readonly penalties: {
    readonly rate: string;
    readonly days: string;
    readonly interest: string;
    readonly fixedIndemnity: string;
    readonly totalClaimed: string;
  } | null;
  /** Set by the renderer for the HTML <title>. */
  readonly subject: string;
}

export const pluralDays = (n: number): string => `${n} jour${Math.abs(n) > 1 ? "s" : ""}`;

/** "123456789" → "123 456 789", grouped by three for reading. */
const formatSiren = (siren: string): string => siren.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1\u00a0$2\u00a0$3");

/** Builds the French view of a validated input; `deadline` is the resolved payment deadline (R2, R3). */
export function reminderView(input: ParsedReminderInput, deadline: string | null): ReminderView {
  const late = daysBetween(input.invoice.dueDate, input.asOf);
  const timing = input.level === "pre_due" ? (late === 0 ? "aujourd'hui" : `dans ${pluralDays(-late)}`) : pluralDays(late);
  const { seller, client, invoice, penalties } = input;
  return {
    level: input.level,
    asOf: formatDateFr(input.asOf),
    deadline: deadline === null ? null : formatDateFr(deadline),
    timing,
    partiallyPaid: !toDecimal(invoice.outstanding).equals(toDecimal(invoice.amountDue)),
    client: { name: client.name, contactName: client.contactName ?? null },
    seller: {
      legalName: seller.legalName,
      email: seller.email,
      contactName: seller.contactName ?? null,
      phone: seller.phone ?? null,
      addressLines: seller.addressLines,
      siren: seller.siren === undefined ? null : formatSiren(seller.siren),
      iban: seller.iban ?? null,
      bic: seller.bic ?? null,
    },
    invoice: {
      number: invoice.number,
      issueDate: formatDateFr(invoice.issueDate),
      dueDate: formatDateFr(invoice.dueDate),
      amountDue: formatEuros(toDecimal(invoice.amountDue)),
      outstanding: formatEuros(toDecimal(invoice.outstanding)),
    },
    penalties:
      penalties === undefined
        ? null
        : {
            rate: formatPercent(toDecimal(penalties.annualRatePercent)),
            days: pluralDays(penalties.days),
            interest: formatEuros(toDecimal(penalties.interest)),
            fixedIndemnity: formatEuros(toDecimal(penalties.fixedIndemnity)),
            totalClaimed: formatEuros(toDecimal(penalties.totalClaimed)),
          },
    subject: "",
  };
}
