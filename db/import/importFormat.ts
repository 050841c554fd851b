import { z } from "zod";
import { ScheduleItemSchema } from "../../engine/scenario/scheduleItem.js";
import { PricingSchema } from "../../engine/scenario/pricing.js";
import { EVENT_TYPES } from "../../engine/scenario/billingEvent.js";
import { PaymentTermsSchema } from "../../engine/terms/paymentTerms.js";
import { VatExemptionSchema, VatRateSchema } from "../../engine/vat/vatRate.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { NUMBER_PATTERN } from "../../engine/numbering/invoiceNumber.js";
import { NameSchema, NonNegativeStringSchema, PercentStringSchema } from "../../engine/scenario/scenarioValues.js";
import { IbanSchema, SirenSchema, SiretSchema, VatNumberSchema } from "./companyIdentifiers.js";

/**
 * The import file format `facturation-import/1` (`facturation import FICHIER.json`). This schema IS
 * the documentation: seller settings, clients, projects with their contracts (pricing + schedule in
 * the scenario format), events, and history (issued invoices with their numbers, payments with their
 * allocations, reminders already sent). Records are identified by their `ref` (clients, projects,
 * contracts, events, payments) or their number (invoices), so importing a file twice changes nothing.
 */
export const IMPORT_FORMAT = "facturation-import/1";

const text = (what = "un texte") => z.string({ error: (i) => (i.input === undefined ? "est obligatoire" : `doit être ${what}`) }).trim();
const requiredText = () => text().min(1, "ne doit pas être vide");
/** A stable external key: letters, digits and - _ . / : (no spaces). */
export const RefSchema = requiredText().regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/, "doit être une référence de 1 à 100 caractères : lettres, chiffres, - _ . / :");
const EmailSchema = requiredText().email("adresse e-mail invalide");
const PositiveAmountSchema = AmountStringSchema.refine((s) => !s.startsWith("-") && !/^0+(\.0+)?$/.test(s), "doit être un montant strictement positif");

export const AddressSchema = z.object({
  line1: requiredText(),
  line2: text().optional(),
  postalCode: requiredText(),
  city: requiredText(),
  countryCode: text().regex(/^[A-Z]{2}$/, "doit être un code pays ISO à 2 lettres (FR)").default("FR"),
});

export const ElectronicAddressSchema = z.object({ scheme: requiredText(), value: requiredText() });

export const NumberFormatSchema = requiredText().regex(/\{N+\}/, "doit contenir un compteur {NNNN}");

export const SellerImportSchema = z.strictObject({
  legalName: requiredText(),
  legalForm: text().optional(),
  registration: text().optional(),
  siren: SirenSchema.optional(),
  siret: SiretSchema.optional(),
  vatNumber: VatNumberSchema.optional(),
  address: AddressSchema,
  email: EmailSchema.optional(),
  electronicAddress: ElectronicAddressSchema.optional(),
  iban: IbanSchema.optional(),
  bic: text().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, "BIC invalide").optional(),
  paymentTerms: PaymentTermsSchema.optional(),
  /** Annual late-penalty rate in percent, e.g. "12.15". */
  latePenaltyRate: PercentStringSchema.optional(),
  recoveryFee: AmountStringSchema.optional(),
  vatOnDebits: z.boolean({ error: "doit valoir true ou false" }).optional(),
  financeApprovalThreshold: AmountStringSchema.optional(),
  /** Numbering formats: tokens {YYYY} {YY} {MM} {NNNN}. */
  numbering: z.strictObject({ invoices: NumberFormatSchema.optional(), creditNotes: NumberFormatSchema.optional() }).optional(),
});

export const ContactSchema = z.strictObject({ name: text().optional(), email: EmailSchema, role: text().optional() });

export const ClientImportSchema = z.strictObject({
  ref: RefSchema,
  name: requiredText(),
  siren: SirenSchema.optional(),
  siret: SiretSchema.optional(),
  vatNumber: VatNumberSchema.optional(),
  address: AddressSchema,
  contacts: z.array(ContactSchema).default([]),
  paymentTerms: PaymentTermsSchema.optional(),
  electronicAddress: ElectronicAddressSchema.optional(),
  notes: text().optional(),
});

export const ContractImportSchema = z.strictObject({
  /** Default: `<project ref>/<position from 1>`. */
  ref: RefSchema.optional(),
  name: requiredText(),
  vatRate: VatRateSchema.default("20"),
  vatExemption: VatExemptionSchema.optional(),
  paymentTerms: PaymentTermsSchema.optional(),
  pricing: PricingSchema,
  schedule: z.array(ScheduleItemSchema, { error: "doit être une liste d'échéances" }),
});

export const ProjectImportSchema = z.strictObject({
  ref: RefSchema,
  client: RefSchema,
  name: requiredText(),
  billingMode: z.enum(["individual", "group"], { error: "doit valoir « individual » ou « group »" }).default("individual"),
  status: z.enum(["active", "closed", "abandoned"], { error: "doit valoir « active », « closed » ou « abandoned »" }).default("active"),
  buyerReference: text().optional(),
  purchaseOrder: text().optional(),
  notes: text().optional(),
  contracts: z.array(ContractImportSchema, { error: "doit être une liste de contrats" }).min(1, "doit contenir au moins un contrat"),
});

/** An event of a contract, in the scenario format's terms, plus where it belongs and what billed it. */
export const EventImportSchema = z
  .strictObject({
    /** Default: derived from the content (contract, date, type, name, quantity…) and its rank among identical events. */
    ref: RefSchema.optional(),
    /** The contract ref; or `project` when the project has a single contract (or a single one recording work). */
    contract: RefSchema.optional(),
    project: RefSchema.optional(),
    date: IsoDateSchema,
    type: z.enum(EVENT_TYPES, { error: "doit valoir « signature », « start », « action », « state », « event » ou « progress »" }),
    name: NameSchema.optional(),
    quantity: NonNegativeStringSchema.optional(),
    description: text().optional(),
    lot: NameSchema.optional(),
    percent: PercentStringSchema.optional(),
    amount: NonNegativeStringSchema.optional(),
    /** Realized work already billed: the number of the (history) invoice that billed it. */
    billedBy: requiredText().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.contract === undefined && e.project === undefined) ctx.addIssue({ code: "custom", path: ["contract"], message: "indiquer contract (référence du contrat) ou project" });
    if ((e.type === "action" || e.type === "state" || e.type === "event") && e.name === undefined) ctx.addIssue({ code: "custom", path: ["name"], message: "est obligatoire pour ce type d'événement" });
    if (e.type === "progress") {
      if (e.lot === undefined) ctx.addIssue({ code: "custom", path: ["lot"], message: "est obligatoire pour un avancement" });
      if ((e.percent === undefined) === (e.amount === undefined)) ctx.addIssue({ code: "custom", path: ["percent"], message: "indiquer soit percent, soit amount, pas les deux" });
    }
  });

export const InvoiceNumberSchema = requiredText().regex(NUMBER_PATTERN, "numéro invalide : 35 caractères au plus parmi lettres, chiffres et + - _ /");

export const HistoryLineSchema = z
  .strictObject({
    label: requiredText(),
    quantity: DecimalStringSchema.default("1"),
    unit: z.enum(["hour", "day", "unit"], { error: "doit valoir « hour », « day » ou « unit »" }).default("unit"),
    /** Negative on a credit note and on a deposit deduction; omitted on a deduction line, it is the deposit's net. */
    unitPrice: DecimalStringSchema.optional(),
    /** Default: the contract's VAT rate, else "20". */
    vatRate: VatRateSchema.optional(),
    vatExemption: VatExemptionSchema.optional(),
    /** The schedule item (échéance, index from 0 in the contract's schedule) this line bills. */
    item: z.number({ error: "doit être un nombre entier" }).int("doit être un nombre entier").min(0, "ne peut pas être négatif").optional(),
    /** A deduction line: the number of the deposit invoice it deducts. */
    deducts: InvoiceNumberSchema.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.unitPrice === undefined && l.deducts === undefined) ctx.addIssue({ code: "custom", path: ["unitPrice"], message: "est obligatoire (sauf sur une ligne de déduction d'acompte)" });
  });

export const HistoryInvoiceSchema = z.strictObject({
  number: InvoiceNumberSchema,
  kind: z.enum(["invoice", "deposit", "credit_note"], { error: "doit valoir « invoice », « deposit » ou « credit_note »" }).default("invoice"),
  client: RefSchema,
  project: RefSchema.optional(),
  contract: RefSchema.optional(),
  issueDate: IsoDateSchema,
  /** Default: issue date + payment terms (invoice's, contract's, client's, seller's). */
  dueDate: IsoDateSchema.optional(),
  paymentTerms: PaymentTermsSchema.optional(),
  lines: z.array(HistoryLineSchema, { error: "doit être une liste de lignes" }).min(1, "doit contenir au moins une ligne"),
  /** Checks: when given, must equal what the lines give (VAT once per rate, to the cent). */
  netAmount: AmountStringSchema.optional(),
  vatAmount: AmountStringSchema.optional(),
  amountDue: AmountStringSchema.optional(),
  /** Credit notes: the invoice corrected and why. */
  corrects: InvoiceNumberSchema.optional(),
  reason: text().optional(),
  buyerReference: text().optional(),
  purchaseOrder: text().optional(),
  sentOn: IsoDateSchema.optional(),
  disputed: z.boolean({ error: "doit valoir true ou false" }).default(false),
  disputeReason: text().optional(),
});

export const HistoryPaymentSchema = z.strictObject({
  ref: RefSchema,
  client: RefSchema,
  date: IsoDateSchema,
  amount: PositiveAmountSchema,
  method: z.enum(["transfer", "cheque", "direct_debit", "card", "cash", "other"], { error: "doit valoir transfer, cheque, direct_debit, card, cash ou other" }).default("transfer"),
  /** Bank reference / remittance text. */
  reference: text().optional(),
  payer: text().optional(),
  /** What the payment settles; the rest stays unallocated (trop-perçu). */
  allocations: z.array(z.strictObject({ invoice: InvoiceNumberSchema, amount: PositiveAmountSchema })).default([]),
});

export const HistoryReminderSchema = z.strictObject({
  invoice: InvoiceNumberSchema,
  /** 1 cordial, 2 firm, 3 formal notice (mise en demeure), 4 escalation. */
  level: z.number({ error: "doit être un nombre entier de 1 à 4" }).int("doit être un nombre entier de 1 à 4").min(1, "doit être compris entre 1 et 4").max(4, "doit être compris entre 1 et 4"),
  date: IsoDateSchema,
  channel: z.enum(["email", "letter", "phone"], { error: "doit valoir « email », « letter » ou « phone »" }).default("email"),
  /** Default: the client's first billing contact. */
  recipient: text().optional(),
  subject: text().optional(),
});

export const ImportFileSchema = z.strictObject({
  format: z.literal(IMPORT_FORMAT, { error: `doit valoir « ${IMPORT_FORMAT} »` }),
  seller: SellerImportSchema.optional(),
  clients: z.array(ClientImportSchema, { error: "doit être une liste" }).default([]),
  projects: z.array(ProjectImportSchema, { error: "doit être une liste" }).default([]),
  events: z.array(EventImportSchema, { error: "doit être une liste" }).default([]),
  history: z
    .strictObject({
      invoices: z.array(HistoryInvoiceSchema, { error: "doit être une liste" }).default([]),
      payments: z.array(HistoryPaymentSchema, { error: "doit être une liste" }).default([]),
      reminders: z.array(HistoryReminderSchema, { error: "doit être une liste" }).default([]),
    })
    .prefault({}),
});

export type ImportFile = z.infer<typeof ImportFileSchema>;
export type ImportFileInput = z.input<typeof ImportFileSchema>;
export type SellerImport = z.infer<typeof SellerImportSchema>;
export type ClientImport = z.infer<typeof ClientImportSchema>;
export type ProjectImport = z.infer<typeof ProjectImportSchema>;
export type ContractImport = z.infer<typeof ContractImportSchema>;
export type EventImport = z.infer<typeof EventImportSchema>;
export type HistoryInvoice = z.infer<typeof HistoryInvoiceSchema>;
export type HistoryLine = z.infer<typeof HistoryLineSchema>;
export type HistoryPayment = z.infer<typeof HistoryPaymentSchema>;
export type HistoryReminder = z.infer<typeof HistoryReminderSchema>;
