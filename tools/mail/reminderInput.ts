import { z } from "zod";
import { DunningLevelSchema } from "../../engine/dunning/dunningLevel.js";
import { AmountStringSchema, NonNegativeDecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/**
 * The levels that are e-mails: the engine's dunning levels without the hand-over to a human
 * (pre_due, r1 cordial, r2 ferme, r3 mise en demeure). French labels: DUNNING_LEVEL_LABELS.
 */
export const ReminderLevelSchema = DunningLevelSchema.exclude(["escalation"], { error: "doit valoir pre_due, r1, r2 ou r3" });
export type ReminderLevel = z.infer<typeof ReminderLevelSchema>;

/** One line of text shown to a person: no line breaks or other control characters. */
const lineOfText = (max: number) =>
  z
    .string({ error: "doit être un texte" })
    .trim()
    .min(1, "ne peut pas être vide")
    .max(max, `ne peut pas dépasser ${max} caractères`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: "ne peut pas contenir de saut de ligne ni de caractère de contrôle" });

const EmailSchema = z.email({ error: "doit être une adresse e-mail valide" });

const PositiveAmountSchema = AmountStringSchema.refine((s) => !s.startsWith("-") && !/^0+(\.0+)?$/.test(s), {
  message: "doit être un montant strictement positif",
});
const NonNegativeAmountSchema = AmountStringSchema.refine((s) => !s.startsWith("-"), { message: "ne peut pas être négatif" });

/** The seller (From and signature block). */
export const ReminderSellerSchema = z.object({
  legalName: lineOfText(200),
  /** The From address. */
  email: EmailSchema,
  /** Where replies should go, when not the From address (e.g. the accounts department). */
  replyTo: EmailSchema.optional(),
  /** The person signing, e.g. "Claire Martin, service comptabilité". */
  contactName: lineOfText(200).optional(),
  phone: lineOfText(40).optional(),
  /** Postal address, one line per entry ("12 rue des Lilas", "69003 Lyon"). */
  addressLines: z.array(lineOfText(200)).max(5, "au plus 5 lignes").default([]),
  siren: z.string().regex(/^\d{9}$/, "doit comporter 9 chiffres").optional(),
  iban: lineOfText(40).optional(),
  bic: lineOfText(15).optional(),
});
export type ReminderSeller = z.infer<typeof ReminderSellerSchema>;

/** The client, as stored: the recipient is always its billing e-mail, never an address chosen by a model. */
export const ReminderClientSchema = z.object({
  name: lineOfText(200),
  billingEmail: EmailSchema,
  /** Person addressed by name in the greeting, when known. */
  contactName: lineOfText(200).optional(),
});
export type ReminderClient = z.infer<typeof ReminderClientSchema>;

export const ReminderInvoiceSchema = z.object({
  number: lineOfText(60),
  issueDate: IsoDateSchema,
  dueDate: IsoDateSchema,
  /** Total of the invoice, VAT included ("16200.00"). */
  amountDue: PositiveAmountSchema,
  /** What remains to be paid ("9200.00"). */
  outstanding: PositiveAmountSchema,
});
export type ReminderInvoice = z.infer<typeof ReminderInvoiceSchema>;

/** Late penalties of a mise en demeure, computed by the engine (engine/dunning), passed as decimal strings. */
export const ReminderPenaltiesSchema = z.object({
  /** Contractual annual rate in percent, e.g. "12.15". */
  annualRatePercent: NonNegativeDecimalStringSchema,
  /** Number of days the penalties were computed over. */
  days: z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").min(1, "doit être au moins 1"),
  /** Penalties for those days, rounded to the cent. */
  interest: NonNegativeAmountSchema,
  /** Fixed recovery indemnity of art. L441-10 and D441-5 C. com. (40 € per invoice). */
  fixedIndemnity: NonNegativeAmountSchema,
  /** Principal + penalties + indemnity, as computed by the engine. */
  totalClaimed: PositiveAmountSchema,
});
export type ReminderPenalties = z.infer<typeof ReminderPenaltiesSchema>;

/** Everything a reminder e-mail says. Dates are ISO strings and amounts decimal strings; nothing is computed in templates. */
export const ReminderInputSchema = z
  .object({
    level: ReminderLevelSchema,
    /** Date of the message. */
    asOf: IsoDateSchema,
    seller: ReminderSellerSchema,
    client: ReminderClientSchema,
    invoice: ReminderInvoiceSchema,
    /** Days since the due date on `asOf`; checked against the dates when given. */
    daysLate: z.number({ error: "doit être un nombre entier de jours" }).int("doit être un nombre entier de jours").optional(),
    /** Date by which payment is demanded (R2 and R3); by default 8 days after `asOf`. */
    deadline: IsoDateSchema.optional(),
    /** Required for R3. */
    penalties: ReminderPenaltiesSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.level === "r3" && input.penalties === undefined) {
      ctx.addIssue({ code: "custom", path: ["penalties"], message: "obligatoires pour une mise en demeure (R3)" });
    }
    if (input.deadline !== undefined && input.deadline <= input.asOf) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "doit être postérieure à la date du message" });
    }
  });
export type ReminderInput = z.input<typeof ReminderInputSchema>;
export type ParsedReminderInput = z.output<typeof ReminderInputSchema>;
