/**
 * Fixtures of the preparation tools' tests: the db fixtures' seller, client and forfait project
 * (30 % deposit at signature, 70 % closing at state « livré »), plus a régie project billed at
 * month end, a lots project and a per-action project for a second client.
 */
import type { Database } from "../../../db/database.js";
import { createClient } from "../../../db/repositories/clients.js";
import { recordEvent } from "../../../db/repositories/events.js";
import { createProject } from "../../../db/repositories/projects.js";
import type { IsoDate } from "../../../engine/dates/plainDate.js";
import { Decimal } from "../../../engine/money/money.js";
import { seedBasics } from "../../db/fixtures.js";

export async function seedPreparation(db: Database) {
  const basics = await seedBasics(db);
  const other = await createClient(db, {
    name: "Hôpital Saint-Éloi",
    siren: "267500452",
    addressLine1: "1 place du Parvis",
    postalCode: "69003",
    city: "Lyon",
    billingContacts: [{ email: "factures@st-eloi.example" }],
  });
  const regie = await createProject(db, { clientId: other.id, name: "Maintenance applicative" }, [
    {
      name: "Régie maintenance",
      pricing: { type: "rate", rate: "650.00", unit: "day" },
      schedule: [{ label: "Réalisé du mois", bill: { realized: "detailed" }, trigger: { on: "end_of_month" } }],
    },
  ]);
  const lots = await createProject(db, { clientId: other.id, name: "Travaux aile nord" }, [
    {
      name: "Marché aile nord",
      pricing: { type: "lots", lots: [{ name: "Gros œuvre", amount: "40000.00" }, { name: "Électricité", amount: "10000.00" }] },
      schedule: [{ label: "Situation", bill: { progress: "detailed" }, trigger: { on: "event", name: "situation" } }],
    },
  ]);
  const perAction = await createProject(db, { clientId: other.id, name: "Bilans de compétences" }, [
    {
      name: "Accompagnement",
      pricing: {
        type: "per_action",
        actions: [
          { name: "entretien", price: "120.00", unit: "hour" },
          { name: "synthèse", price: "300.00", unit: "flat" },
        ],
      },
      schedule: [{ bill: { realized: "summary" }, trigger: { on: "action", name: "synthèse" } }],
    },
  ]);
  const contractOf = (p: { contracts: readonly { id: number }[] }) => {
    const c = p.contracts[0];
    if (!c) throw new Error("no contract");
    return c;
  };
  return {
    ...basics,
    other,
    regie,
    regieContract: contractOf(regie),
    lots,
    lotsContract: contractOf(lots),
    perAction,
    perActionContract: contractOf(perAction),
  };
}

export async function event(db: Database, contractId: number, type: "signature" | "start" | "state" | "event" | "action", occurredOn: IsoDate, name?: string, quantity?: string) {
  return recordEvent(db, { contractId, type, occurredOn, name: name ?? null, quantity: quantity ? new Decimal(quantity) : undefined, recordedBy: "test" });
}
