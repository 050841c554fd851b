import type { Database } from "../../db/database.js";
import { createClient } from "../../db/repositories/clients.js";
import { createDraftInvoice, type DraftLineInput } from "../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { createProject } from "../../db/repositories/projects.js";
import { saveSellerSettings } from "../../db/repositories/seller.js";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { Decimal } from "../../engine/money/money.js";

/** Fresh fixtures for database tests: a seller, a client, a forfait project with a 30/70 schedule. */
export async function seedBasics(db: Database) {
  await saveSellerSettings(db, {
    legalName: "Atelier Numérique SAS",
    legalForm: "SAS au capital de 10 000 €",
    registration: "RCS Lyon 812 345 678",
    siren: "812345678",
    siret: "81234567800017",
    vatNumber: "FR32812345678",
    addressLine1: "12 rue de la République",
    postalCode: "69002",
    city: "Lyon",
    email: "facturation@atelier-numerique.fr",
    iban: "FR7630006000011234567890189",
    bic: "AGRIFRPP",
  });
  const client = await createClient(db, {
    name: "Acme Industrie",
    siren: "552100554",
    vatNumber: "FR12552100554",
    addressLine1: "3 avenue des Champs",
    postalCode: "75008",
    city: "Paris",
    billingContacts: [{ name: "Claire Martin", email: "compta@acme.example" }],
  });
  const project = await createProject(db, { clientId: client.id, name: "Refonte du site" }, [
    {
      name: "Forfait refonte",
      pricing: { type: "flat", amount: "10000.00" },
      schedule: [
        { label: "Acompte 30 %", bill: { percent: "30" }, trigger: { on: "signature" }, deductible: true },
        { label: "Solde", bill: { percent: "70" }, trigger: { on: "state", name: "livré" }, closing: true },
      ],
    },
  ]);
  const contract = project.contracts[0];
  if (!contract) throw new Error("no contract");
  return { client, project, contract };
}

export const line = (net: string, extra: Partial<DraftLineInput> = {}): DraftLineInput => ({
  label: extra.label ?? "Prestation",
  quantity: new Decimal(1),
  unitPrice: new Decimal(net),
  net: new Decimal(net),
  vatRate: "20",
  ...extra,
});

/** Creates and issues a simple invoice; returns the issued invoice. */
export async function issueSimple(db: Database, clientId: number, issueDate: IsoDate, net = "100.00", extra: { kind?: "invoice" | "deposit"; contractId?: number; lines?: DraftLineInput[] } = {}) {
  const { invoice } = await createDraftInvoice(db, {
    kind: extra.kind ?? "invoice",
    clientId,
    contractId: extra.contractId,
    issueDate,
    lines: extra.lines ?? [line(net)],
    createdBy: "test",
  });
  return (await issueInvoice(db, { invoiceId: invoice.id, actor: "test", channel: "test" })).invoice;
}
