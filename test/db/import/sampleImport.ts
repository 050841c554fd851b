import type { ImportFileInput } from "../../../db/import/importFormat.js";

/**
 * A small import file: a seller, two clients, a forfait 30/70 with a deposit deducted on the final
 * invoice, a régie project, history (deposit, régie invoice, final invoice, credit note), two
 * payments (one partial) and a reminder. Expected figures are computed by hand in the tests.
 */
export function sampleImport(): ImportFileInput & { clients: NonNullable<ImportFileInput["clients"]> } {
  return {
    format: "facturation-import/1",
    seller: {
      legalName: "Atelier Lumen SAS",
      legalForm: "SAS au capital de 20 000 €",
      registration: "RCS Lyon 734 640 972",
      siren: "734640972",
      siret: "73464097200018",
      vatNumber: "FR90734640972",
      address: { line1: "8 quai Saint-Vincent", postalCode: "69001", city: "Lyon" },
      email: "compta@lumen.example",
      iban: "FR76 3000 6000 0112 3456 7890 189",
      bic: "AGRIFRPP",
      paymentTerms: { days: 30, endOfMonth: false },
      latePenaltyRate: "12.15",
      numbering: { invoices: "F-{YYYY}-{NNNN}", creditNotes: "AV-{YYYY}-{NNNN}" },
    },
    clients: [
      {
        ref: "acme",
        name: "Acme Industries",
        siren: "552100554",
        vatNumber: "FR96552100554",
        address: { line1: "3 avenue des Champs", postalCode: "75008", city: "Paris" },
        contacts: [{ name: "Claire Martin", email: "compta@acme.example" }],
      },
      {
        ref: "nexa",
        name: "Nexa Conseil",
        siren: "502466337",
        address: { line1: "14 rue Nationale", postalCode: "59000", city: "Lille" },
        contacts: [{ email: "factures@nexa.example" }],
      },
    ],
    projects: [
      {
        ref: "refonte",
        client: "acme",
        name: "Refonte du site Acme",
        contracts: [
          {
            ref: "refonte",
            name: "Forfait refonte",
            pricing: { type: "flat", amount: "10000.00" },
            schedule: [
              { label: "Acompte 30 %", bill: { percent: "30" }, trigger: { on: "signature" }, deductible: true },
              { label: "Solde 70 %", bill: { percent: "70" }, trigger: { on: "state", name: "livré" }, closing: true },
            ],
          },
        ],
      },
      {
        ref: "nexa-regie",
        client: "nexa",
        name: "Nexa — régie",
        contracts: [
          {
            ref: "nexa-regie",
            name: "Régie développement",
            pricing: { type: "rate", rate: "650.00", unit: "day" },
            schedule: [{ label: "Prestations du mois", bill: { realized: "summary" }, trigger: { on: "end_of_month" } }],
          },
        ],
      },
    ],
    events: [
      { contract: "refonte", date: "2026-01-10", type: "signature" },
      { contract: "refonte", date: "2026-03-15", type: "state", name: "livré" },
      { project: "nexa-regie", date: "2026-01-12", type: "action", name: "Développement", quantity: "3", billedBy: "F-2026-0002" },
      { project: "nexa-regie", date: "2026-01-26", type: "action", name: "Développement", quantity: "2", billedBy: "F-2026-0002" },
      { project: "nexa-regie", date: "2026-02-09", type: "action", name: "Développement", quantity: "1.5", description: "Correctifs" },
    ],
    history: {
      invoices: [
        {
          number: "F-2026-0001",
          kind: "deposit",
          client: "acme",
          contract: "refonte",
          issueDate: "2026-01-10",
          lines: [{ label: "Acompte 30 %", unitPrice: "3000.00", item: 0 }],
          amountDue: "3600.00",
        },
        {
          number: "F-2026-0002",
          client: "nexa",
          project: "nexa-regie",
          issueDate: "2026-02-02",
          lines: [{ label: "Développement janvier", quantity: "5", unit: "day", unitPrice: "650.00" }],
        },
        {
          number: "F-2026-0003",
          client: "acme",
          contract: "refonte",
          issueDate: "2026-03-15",
          lines: [
            { label: "Solde 70 %", unitPrice: "7000.00", item: 1 },
            { label: "Acompte F-2026-0001 déduit", deducts: "F-2026-0001" },
          ],
          sentOn: "2026-03-15",
        },
        {
          number: "AV-2026-0001",
          kind: "credit_note",
          client: "nexa",
          issueDate: "2026-03-20",
          corrects: "F-2026-0002",
          reason: "Geste commercial",
          lines: [{ label: "Remise sur janvier", unitPrice: "-325.00" }],
        },
      ],
      payments: [
        { ref: "VIR-0120", client: "acme", date: "2026-01-20", amount: "3600.00", allocations: [{ invoice: "F-2026-0001", amount: "3600.00" }] },
        { ref: "VIR-0325", client: "nexa", date: "2026-03-25", amount: "1000.00", reference: "NEXA JANV", allocations: [{ invoice: "F-2026-0002", amount: "1000.00" }] },
      ],
      reminders: [{ invoice: "F-2026-0003", level: 1, date: "2026-04-22" }],
    },
  };
}
