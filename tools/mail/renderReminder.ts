import { addDays, daysBetween } from "../../engine/dates/plainDate.js";
import { InputError, RuleError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { sum, toDecimal } from "../../engine/money/money.js";
import { parseInput } from "../validationError.js";
import { type ParsedReminderInput, type ReminderInput, ReminderInputSchema } from "./reminderInput.js";
import { reminderTemplate } from "./reminderTemplates.js";
import { reminderView } from "./reminderView.js";

/** A rendered reminder: one-line subject, plain-text part and HTML part, all in French. */
export interface RenderedReminder {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Days granted to pay after a firm reminder or a formal notice, when no deadline is given. */
export const DEFAULT_PAYMENT_DELAY_DAYS = 8;

function checkConsistency(input: ParsedReminderInput): void {
  const { invoice, level } = input;
  if (invoice.dueDate < invoice.issueDate) {
    throw new InputError("ne peut pas précéder la date d'émission", { field: "invoice.dueDate" });
  }
  if (toDecimal(invoice.outstanding).greaterThan(toDecimal(invoice.amountDue))) {
    throw new InputError("ne peut pas dépasser le montant de la facture", { field: "invoice.outstanding" });
  }
  const late = daysBetween(invoice.dueDate, input.asOf);
  if (input.daysLate !== undefined && input.daysLate !== late) {
    throw new InputError(`ne correspond pas aux dates (${late} jour(s) entre l'échéance et la date du message)`, { field: "daysLate" });
  }
  if (level === "pre_due" && late > 0) {
    throw new RuleError("la facture est déjà échue : un rappel avant échéance n'a plus de sens, choisissez r1, r2 ou r3", {
      field: "level",
      code: "reminder_level_mismatch",
    });
  }
  if (level !== "pre_due" && late <= 0) {
    throw new RuleError("la facture n'est pas encore échue : seul un rappel avant échéance (pre_due) est possible", {
      field: "level",
      code: "reminder_level_mismatch",
    });
  }
  if (input.penalties !== undefined) {
    const expected = sum([toDecimal(invoice.outstanding), toDecimal(input.penalties.interest), toDecimal(input.penalties.fixedIndemnity)]);
    if (!expected.equals(toDecimal(input.penalties.totalClaimed))) {
      throw new InputError(`doit être égal au reste dû + pénalités + indemnité forfaitaire (${formatEuros(expected)})`, {
        field: "penalties.totalClaimed",
      });
    }
  }
}

const tidyText = (s: string): string => `${s.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
const oneLine = (s: string): string => s.replace(/\s+/g, " ").trim();

/**
 * Renders a reminder e-mail of the given level from trusted templates (`prompts/reminders/`).
 * Throws InputError (field named) on invalid input and RuleError when the level does not fit the dates.
 */
export function renderReminder(raw: ReminderInput): RenderedReminder {
  const input = parseInput(ReminderInputSchema, raw);
  checkConsistency(input);
  const deadline = input.level === "r2" || input.level === "r3" ? (input.deadline ?? addDays(input.asOf, DEFAULT_PAYMENT_DELAY_DAYS)) : null;
  const template = reminderTemplate(input.level);
  const base = reminderView(input, deadline);
  const subject = oneLine(template.subject(base));
  const view = { ...base, subject };
  return { subject, text: tidyText(template.text(view)), html: template.html(view) };
}
