import { addDays, type IsoDate, startOfMonth } from "../../engine/dates/plainDate.js";
import type { ClientImport, ContractImport, SellerImport } from "../import/importFormat.js";
import type { z } from "zod";
import type { ClientImportSchema, ContractImportSchema, ProjectImportSchema, SellerImportSchema } from "../import/importFormat.js";

/**
 * The demo company, « Lumen Conseil & Numérique », a Lyon SAS (bureau d'études, agence numérique and
 * training organisation), its clients and projects in every billing model, and what happened on them,
 * dated relative to `today`. The names match the product's example requests (« Refonte du site Acme »,
 * « projet Atlas », « Boulangerie Martin », « Nexa », « Appli Kiwi », « Dupont », lots « Gros œuvre » /
 * « Second œuvre »). Identifiers are made up, with valid check digits.
 */
export type DemoSeller = z.input<typeof SellerImportSchema>;
export type DemoClient = z.input<typeof ClientImportSchema>;
export type DemoProject = z.input<typeof ProjectImportSchema>;
export type DemoContract = z.input<typeof ContractImportSchema>;
export type { ClientImport, ContractImport, SellerImport };

/** A dated event of a demo contract, in the scenario format. */
export interface DemoEvent {
  readonly date: IsoDate;
  readonly type: "signature" | "start" | "action" | "state" | "event" | "progress";
  readonly name?: string;
  readonly quantity?: string;
  readonly description?: string;
  readonly lot?: string;
  readonly percent?: string;
}

export const DEMO_SELLER: DemoSeller = {
  legalName: "Lumen Conseil & Numérique",
  legalForm: "SAS au capital de 40 000 €",
  registration: "RCS Lyon 734 640 972",
  siren: "734640972",
  siret: "73464097200018",
  vatNumber: "FR90734640972",
  address: { line1: "8 quai Saint-Vincent", postalCode: "69001", city: "Lyon" },
  email: "facturation@lumen-conseil.fr",
  iban: "FR7630006000011234567890189",
  bic: "AGRIFRPP",
  paymentTerms: { days: 30, endOfMonth: false },
  latePenaltyRate: "12.15",
  recoveryFee: "40.00",
  numbering: { invoices: "F-{YYYY}-{NNNN}", creditNotes: "AV-{YYYY}-{NNNN}" },
};

const address = (line1: string, postalCode: string, city: string) => ({ line1, postalCode, city });
const eom30 = { days: 30, endOfMonth: true };

export const DEMO_CLIENTS: readonly DemoClient[] = [
  { ref: "acme", name: "Acme Industries", siren: "502466337", siret: "50246633700016", vatNumber: "FR11502466337", address: address("12 rue de l'Industrie", "69007", "Lyon"), contacts: [{ name: "Claire Morel", email: "comptabilite@acme-industries.example", role: "Comptabilité fournisseurs" }] },
  { ref: "orion", name: "Orion Logistique", siren: "829923127", siret: "82992312700015", vatNumber: "FR68829923127", address: address("45 avenue Jean Jaurès", "69100", "Villeurbanne"), contacts: [{ name: "Hugo Bernard", email: "factures@orion-logistique.example" }] },
  { ref: "kiwi", name: "Kiwi Mobile", siren: "364808949", siret: "36480894900010", vatNumber: "FR12364808949", address: address("3 rue du Faubourg Montmartre", "75009", "Paris"), contacts: [{ name: "Léa Fontaine", email: "compta@kiwi-mobile.example", role: "Direction financière" }] },
  { ref: "nexa", name: "Nexa Conseil", siren: "397222332", siret: "39722233200017", vatNumber: "FR86397222332", address: address("14 rue Nationale", "59000", "Lille"), contacts: [{ name: "Samir Haddad", email: "fournisseurs@nexa-conseil.example" }], paymentTerms: eom30 },
  { ref: "boulangerie-martin", name: "Boulangerie Martin", siren: "426339206", siret: "42633920600010", vatNumber: "FR74426339206", address: address("27 rue de la République", "38000", "Grenoble"), contacts: [{ name: "Paul Martin", email: "contact@boulangerie-martin.example", role: "Gérant" }] },
  { ref: "sci-tilleuls", name: "SCI Les Tilleuls", siren: "790819353", siret: "79081935300018", vatNumber: "FR61790819353", address: address("5 chemin des Tilleuls", "69130", "Écully"), contacts: [{ name: "Isabelle Roux", email: "gestion@sci-tilleuls.example" }] },
  { ref: "dupont", name: "Jean Dupont", address: address("18 rue des Lilas", "69003", "Lyon"), contacts: [{ name: "Jean Dupont", email: "jean.dupont@exemple.fr" }], notes: "Bénéficiaire à titre individuel (bilan de compétences)" },
];

/** Clients of one-off jobs (audits, workshops, fixes) that make up the rest of the year's invoices. */
export const DEMO_OCCASIONAL_CLIENTS: readonly DemoClient[] = [
  { ref: "studio-helios", name: "Studio Hélios", siren: "377844832", vatNumber: "FR74377844832", address: address("9 place Bellecour", "69002", "Lyon"), contacts: [{ email: "admin@studio-helios.example" }] },
  { ref: "cabinet-vauban", name: "Cabinet Vauban Avocats", siren: "981068711", vatNumber: "FR38981068711", address: address("22 cours Vitton", "69006", "Lyon"), contacts: [{ email: "secretariat@cabinet-vauban.example" }] },
  { ref: "maison-delorme", name: "Maison Delorme", siren: "588163022", vatNumber: "FR05588163022", address: address("4 rue Mercière", "69002", "Lyon"), contacts: [{ email: "compta@maison-delorme.example" }] },
  { ref: "transports-ravel", name: "Transports Ravel", siren: "350325825", vatNumber: "FR44350325825", address: address("ZI Les Platières", "69500", "Bron"), contacts: [{ email: "factures@transports-ravel.example" }] },
  { ref: "clinique-du-parc", name: "Clinique du Parc", siren: "415356427", vatNumber: "FR18415356427", address: address("155 boulevard Stalingrad", "69006", "Lyon"), contacts: [{ email: "fournisseurs@clinique-du-parc.example" }] },
];

/** A project of the demo and its contracts, with the events recorded on each contract (by contract ref). */
export interface DemoProjectPlan {
  readonly project: DemoProject;
  readonly events: Readonly<Record<string, readonly DemoEvent[]>>;
}

const d = (today: IsoDate, daysBefore: number) => addDays(today, -daysBefore);

/** Weekly pattern of régie days: `perWeek` entries of `quantity` from `from` to `to` (weekdays only). */
function regieDays(from: IsoDate, to: IsoDate, weekdays: readonly number[], quantity: string, name: string): DemoEvent[] {
  const out: DemoEvent[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekdays.includes(weekday)) out.push({ date, type: "action", name, quantity });
  }
  return out;
}

/**
 * The named projects. Day offsets are chosen so that, with 30 days net, the unpaid invoices are
 * overdue by 70 (Appli Kiwi), 40 (Boulangerie Martin), 20 (Refonte du site Acme), 10 (Plateforme Nexa)
 * and 3 days (Résidence Les Tilleuls) on `today`.
 */
export function demoProjects(today: IsoDate): DemoProjectPlan[] {
  const regieStart = startOfMonth(d(today, 118));
  const yesterday = d(today, 1);
  return [
    {
      project: {
        ref: "refonte-acme",
        client: "acme",
        name: "Refonte du site Acme",
        purchaseOrder: "BC-2026-0117",
        contracts: [
          {
            ref: "refonte-acme",
            name: "Forfait refonte du site",
            pricing: { type: "flat", amount: "12000.00" },
            schedule: [
              { label: "Acompte 30 % à la commande", bill: { percent: "30" }, trigger: { on: "signature" }, deductible: true },
              { label: "Solde 70 % à la livraison", bill: { percent: "70" }, trigger: { on: "state", name: "livré" }, closing: true },
            ],
          },
        ],
      },
      events: { "refonte-acme": [{ date: d(today, 140), type: "signature" }, { date: d(today, 135), type: "start" }, { date: d(today, 50), type: "state", name: "livré" }] },
    },
    {
      project: {
        ref: "hebergement-acme",
        client: "acme",
        name: "Hébergement et maintenance du site Acme",
        contracts: [
          {
            ref: "hebergement-acme",
            name: "Forfait annuel hébergement et maintenance",
            pricing: { type: "flat", amount: "1500.00" },
            schedule: [{ label: "Hébergement et maintenance — année en cours", bill: { percent: "100" }, trigger: { on: "state", name: "renouvellement" }, closing: true }],
          },
        ],
      },
      events: { "hebergement-acme": [{ date: d(today, 25), type: "state", name: "renouvellement" }] },
    },
    {
      project: {
        ref: "atlas",
        client: "orion",
        name: "Atlas",
        notes: "Portail de suivi des expéditions pour Orion Logistique",
        contracts: [
          {
            ref: "atlas",
            name: "Forfait Atlas par jalons",
            pricing: { type: "flat", amount: "24000.00" },
            schedule: [
              { label: "Jalon 1 — signature (30 %)", bill: { percent: "30" }, trigger: { on: "signature" } },
              { label: "Jalon 2 — maquettes validées (30 %)", bill: { percent: "30" }, trigger: { on: "state", name: "maquettes validées" } },
              { label: "Jalon 3 — livraison recettée (20 %)", bill: { percent: "20" }, trigger: { on: "state", name: "livraison recettée" } },
              { label: "Jalon 4 — mise en production (20 %)", bill: { percent: "20" }, trigger: { on: "state", name: "mise en production" }, closing: true },
            ],
          },
        ],
      },
      events: { atlas: [{ date: d(today, 150), type: "signature" }, { date: d(today, 145), type: "start" }] },
    },
    {
      project: {
        ref: "appli-kiwi",
        client: "kiwi",
        name: "Appli Kiwi",
        notes: "Application mobile de fidélité (iOS et Android)",
        contracts: [
          {
            ref: "appli-kiwi",
            name: "Forfait application mobile",
            pricing: { type: "flat", amount: "18000.00" },
            schedule: [
              { label: "Signature (30 %)", bill: { percent: "30" }, trigger: { on: "signature" } },
              { label: "Livraison recettée (50 %)", bill: { percent: "50" }, trigger: { on: "state", name: "livraison recettée" } },
              { label: "Mise en production (20 %)", bill: { percent: "20" }, trigger: { on: "state", name: "mise en production" }, closing: true },
            ],
          },
        ],
      },
      events: { "appli-kiwi": [{ date: d(today, 160), type: "signature" }, { date: d(today, 155), type: "start" }, { date: d(today, 100), type: "state", name: "livraison recettée" }] },
    },
    {
      project: {
        ref: "nexa-regie",
        client: "nexa",
        name: "Nexa — assistance technique (régie)",
        contracts: [
          {
            ref: "nexa-regie",
            name: "Régie développeur senior",
            pricing: { type: "rate", rate: "650.00", unit: "day" },
            schedule: [{ label: "Assistance technique du mois", bill: { realized: "summary" }, trigger: { on: "end_of_month" } }],
            paymentTerms: eom30,
          },
        ],
      },
      events: { "nexa-regie": regieDays(regieStart, yesterday, [2, 4], "1", "Développement") },
    },
    {
      project: {
        ref: "plateforme-nexa",
        client: "nexa",
        name: "Plateforme Nexa (forfait et maintenance)",
        contracts: [
          {
            ref: "plateforme-nexa-forfait",
            name: "Forfait développement de la plateforme",
            pricing: { type: "flat", amount: "30000.00" },
            schedule: [
              { label: "Commande (40 %)", bill: { percent: "40" }, trigger: { on: "signature" } },
              { label: "Livraison (60 %)", bill: { percent: "60" }, trigger: { on: "state", name: "livré" }, closing: true },
            ],
            paymentTerms: { days: 30, endOfMonth: false },
          },
          {
            ref: "plateforme-nexa-maintenance",
            name: "Maintenance en régie",
            pricing: { type: "rate", rate: "95.00", unit: "hour" },
            schedule: [{ label: "Maintenance du mois", bill: { realized: "summary" }, trigger: { on: "end_of_month" } }],
            paymentTerms: eom30,
          },
        ],
      },
      events: {
        "plateforme-nexa-forfait": [{ date: d(today, 130), type: "signature" }, { date: d(today, 125), type: "start" }, { date: d(today, 40), type: "state", name: "livré" }],
        "plateforme-nexa-maintenance": regieDays(d(today, 39), yesterday, [1], "3", "Maintenance corrective"),
      },
    },
    {
      project: {
        ref: "site-boulangerie-martin",
        client: "boulangerie-martin",
        name: "Site vitrine Boulangerie Martin",
        contracts: [
          {
            ref: "site-boulangerie-martin",
            name: "Forfait site vitrine",
            pricing: { type: "flat", amount: "3000.00" },
            schedule: [
              { label: "Commande (50 %)", bill: { percent: "50" }, trigger: { on: "signature" } },
              { label: "Mise en ligne (50 %)", bill: { percent: "50" }, trigger: { on: "state", name: "mise en ligne" }, closing: true },
            ],
          },
        ],
      },
      events: { "site-boulangerie-martin": [{ date: d(today, 120), type: "signature" }, { date: d(today, 70), type: "state", name: "mise en ligne" }] },
    },
    {
      project: {
        ref: "boutique-boulangerie-martin",
        client: "boulangerie-martin",
        name: "Boutique en ligne Boulangerie Martin (devis à signer)",
        notes: "Devis DE-2026-031 envoyé, en attente de signature",
        contracts: [
          {
            ref: "boutique-boulangerie-martin",
            name: "Forfait boutique en ligne",
            pricing: { type: "flat", amount: "4800.00" },
            schedule: [
              { label: "Acompte 30 % à la signature du devis", bill: { percent: "30" }, trigger: { on: "signature" }, deductible: true },
              { label: "Solde 70 % à la mise en ligne", bill: { percent: "70" }, trigger: { on: "state", name: "mise en ligne" }, closing: true },
            ],
          },
        ],
      },
      events: {},
    },
    {
      project: {
        ref: "bilan-dupont",
        client: "dupont",
        name: "Bilan de compétences — Dupont",
        notes: "Parcours de 24 heures ; PSOP : 50 % du prix dû en cas d'abandon",
        contracts: [
          {
            ref: "bilan-dupont",
            name: "Échéancier bilan de compétences",
            pricing: { type: "flat", amount: "2400.00" },
            vatRate: "0",
            vatExemption: "formation",
            schedule: [
              { label: "Acompte 30 % à l'inscription", bill: { percent: "30" }, trigger: { on: "signature" }, deductible: true },
              { label: "PSOP : 50 % en cas d'abandon", bill: { percent: "50" }, trigger: { on: "event", name: "Abandon" }, closing: true },
              { label: "Solde à la fin du parcours", bill: { percent: "70" }, trigger: { on: "state", name: "terminé" }, closing: true },
            ],
          },
        ],
      },
      events: {
        "bilan-dupont": [
          { date: d(today, 90), type: "signature" },
          { date: d(today, 84), type: "start" },
          { date: d(today, 84), type: "action", name: "Entretien individuel", quantity: "2" },
          { date: d(today, 70), type: "action", name: "Entretien individuel", quantity: "2" },
          { date: d(today, 56), type: "action", name: "Entretien individuel", quantity: "2" },
        ],
      },
    },
    {
      project: {
        ref: "residence-tilleuls",
        client: "sci-tilleuls",
        name: "Résidence Les Tilleuls — maîtrise d'œuvre",
        contracts: [
          {
            ref: "residence-tilleuls",
            name: "Honoraires par lot (situations)",
            pricing: { type: "lots", lots: [{ name: "Gros œuvre", amount: "48000.00" }, { name: "Second œuvre", amount: "32000.00" }] },
            schedule: [{ label: "Situation", bill: { progress: "detailed" }, trigger: { on: "state", name: "situation validée" } }],
          },
        ],
      },
      events: {
        "residence-tilleuls": [
          { date: d(today, 66), type: "progress", lot: "Gros œuvre", percent: "20" },
          { date: d(today, 64), type: "state", name: "situation validée" },
          { date: d(today, 35), type: "progress", lot: "Gros œuvre", percent: "55" },
          { date: d(today, 35), type: "progress", lot: "Second œuvre", percent: "15" },
          { date: d(today, 33), type: "state", name: "situation validée" },
          { date: d(today, 6), type: "progress", lot: "Gros œuvre", percent: "70" },
        ],
      },
    },
  ];
}

/** The contract of an occasional client: hours at 90 € billed when a job is done. */
export function occasionalProject(client: DemoClient): DemoProject {
  return {
    ref: `ponctuel-${client.ref}`,
    client: client.ref,
    name: `Prestations ponctuelles — ${client.name}`,
    contracts: [
      {
        ref: `ponctuel-${client.ref}`,
        name: "Interventions au temps passé",
        pricing: { type: "rate", rate: "90.00", unit: "hour" },
        schedule: [{ label: "Intervention", bill: { realized: "detailed" }, trigger: { on: "state", name: "intervention terminée" } }],
      },
    ],
  };
}

export const OCCASIONAL_JOBS = ["Audit d'accessibilité", "Atelier de formation", "Maintenance corrective", "Audit SEO", "Intégration de contenus"] as const;
