import { describe, expect, it } from "vitest";
import { IntentSchema } from "../../../agents/understanding/intent.js";
import { understand } from "../../../agents/understanding/understand.js";
import { DEMO_CATALOG } from "./demoCatalog.js";
import { readRequests } from "./routingFixtures.js";

const TODAY = "2026-11-24";
const read = (text: string, context = {}) => understand(text, { today: TODAY, catalog: DEMO_CATALOG, context });

describe("understand", () => {
  it("gives every development request a valid intent whose agents are its routing", () => {
    for (const request of readRequests("dev")) {
      const result = read(request.text);
      expect(IntentSchema.safeParse(result.intent).success).toBe(true);
      expect(result.agents).toEqual(request.agents);
      expect(result.intent.intent === "unknown").toBe(false);
    }
  });

  it("reads a milestone to bill with its project, milestone and percentage", () => {
    expect(read("Les maquettes du projet Atlas sont validées, il faut facturer les 30 %").intent).toMatchObject({
      intent: "prepare_invoice",
      kind: "milestone",
      percent: "30",
      project: { status: "matched", name: "Atlas", id: "p2" },
      milestone: { status: "matched", name: "Maquettes validées" },
      client: { status: "matched", name: "Nexa Conseil" },
    });
  });

  it("records a milestone reached on a given date without billing yet", () => {
    expect(read("Note que le jalon Mise en production de l'appli Kiwi a été atteint le 20 novembre").intent).toMatchObject({
      intent: "record_milestone",
      project: { name: "Appli Kiwi" },
      milestone: { name: "Mise en production" },
      date: "2026-11-20",
    });
  });

  it("reads a payment received with its amount to the cent and its date", () => {
    expect(read("Acme a viré 16 200 € ce matin, enregistre le règlement").intent).toMatchObject({
      intent: "record_payment",
      client: { name: "Acme Industries" },
      amount: "16200.00",
      date: TODAY,
    });
    expect(read("Boulangerie Martin a payé 1 200,50 euros hier").intent).toMatchObject({ intent: "record_payment", amount: "1200.50", date: "2026-11-23" });
  });

  it("reads a credit note with its invoice, amount and reason", () => {
    expect(read("Fais un avoir de 450 € sur la facture F-2026-0031, remise commerciale").intent).toEqual({
      intent: "issue_credit_note",
      invoiceNumber: "F-2026-0031",
      amount: "450.00",
      reason: "remise commerciale",
    });
  });

  it("reads time worked with quantity, unit, activity and month", () => {
    expect(read("Ajoute 3 jours de développement au projet Atlas pour novembre").intent).toMatchObject({
      intent: "record_time",
      project: { name: "Atlas" },
      quantity: "3",
      unit: "day",
      activity: "développement",
      period: { from: "2026-11-01", to: "2026-11-30" },
    });
  });

  it("reads progress on a lot", () => {
    expect(read("Saisis 60 % d'avancement sur le lot Gros œuvre et prépare la situation").intent).toMatchObject({ intent: "record_progress", lot: { name: "Gros œuvre" }, percent: "60" });
  });

  it("reads an abandonment, keeping an unknown beneficiary's name", () => {
    expect(read("Le bénéficiaire Dupont a abandonné, que doit-on facturer ?").intent).toMatchObject({ intent: "abandonment", beneficiary: { name: "Jean Dupont" } });
    expect(read("La stagiaire Lefèvre a abandonné la formation").intent).toMatchObject({ intent: "abandonment", beneficiaryName: "Lefèvre" });
  });

  it("reads the payments follow-up questions with their periods and thresholds", () => {
    expect(read("Quelles factures arrivent à échéance cette semaine ?").intent).toEqual({ intent: "due_soon", period: { from: "2026-11-23", to: "2026-11-29" } });
    expect(read("Quel est notre DSO ce mois-ci ?").intent).toEqual({ intent: "dso", period: { from: "2026-11-01", to: "2026-11-30" } });
    expect(read("Combien d'impayés au-delà de 60 jours ?").intent).toEqual({ intent: "unpaid_over", days: 60 });
    expect(read("La facture F-2026-0042 a-t-elle été payée ?").intent).toEqual({ intent: "payment_status", scope: "invoice", invoiceNumber: "F-2026-0042" });
    expect(read("Quel est l'état des paiements ?").intent).toEqual({ intent: "payment_status", scope: "overall" });
    expect(read("Montre-moi la balance âgée des créances").intent).toEqual({ intent: "aging" });
    expect(read("Quel est le taux de recouvrement du trimestre ?").intent).toEqual({ intent: "recovery_rate", period: { from: "2026-10-01", to: "2026-12-31" } });
  });

  it("reads reminders with their level, or in bulk with the days overdue", () => {
    expect(read("Prépare la mise en demeure pour la facture F-2026-0007").intent).toMatchObject({ intent: "draft_reminder", invoiceNumber: "F-2026-0007", level: "mise_en_demeure", bulk: false });
    expect(read("Envoie une relance ferme à Atlas").intent).toMatchObject({ intent: "draft_reminder", level: "ferme", client: { name: "Nexa Conseil" } });
    expect(read("Rédige un mail de rappel cordial pour les factures échues depuis une semaine").intent).toEqual({ intent: "draft_reminder", level: "cordial", overdueForDays: 7, bulk: true });
    expect(read("Quelles relances ont déjà été envoyées à Kiwi ?").intent).toMatchObject({ intent: "reminder_history", client: { name: "Kiwi Mobile" } });
  });

  it("reads a client that has not paid, for the chained agents", () => {
    const result = read("Nexa ne nous a toujours pas réglé la facture de septembre, il faut réagir");
    expect(result.agents).toEqual(["suivi-paiements", "email-relance"]);
    expect(result.intent).toMatchObject({ intent: "client_not_paid", client: { name: "Nexa Conseil" }, period: { from: "2026-09-01", to: "2026-09-30" } });
  });

  it("returns candidates when a name is ambiguous", () => {
    const catalog = { clients: [{ name: "Boulangerie Martin" }, { name: "Martin Conseil" }] };
    const result = understand("Relance Martin", { today: TODAY, catalog });
    expect(result.intent).toMatchObject({ intent: "draft_reminder", client: { status: "ambiguous" } });
  });

  it("refuses out-of-scope requests with a reply naming who to ask", () => {
    const result = read("Valide le déploiement en production de vendredi");
    expect(result.agents).toEqual([]);
    expect(result.intent).toMatchObject({ intent: "out_of_scope", reason: "deployment" });
    expect(result.intent.intent === "out_of_scope" && result.intent.reply).toContain("devops");
  });

  it("says unknown for a billing-free, scope-free text", () => {
    expect(read("hmm").intent).toEqual({ intent: "unknown" });
  });

  it("reads yes and no", () => {
    for (const yes of ["oui", "Oui !", "vas-y", "OK", "je confirme", "c'est bon"]) expect(read(yes).intent).toEqual({ intent: "confirm", answer: "yes" });
    for (const no of ["non", "Non merci", "annule", "laisse tomber"]) expect(read(no).intent).toEqual({ intent: "confirm", answer: "no" });
  });
});

describe("understand with the conversation's context", () => {
  it("repeats the previous intent for « et pour Atlas ? » with the new project", () => {
    const first = read("Combien reste-t-il à facturer sur l'appli Kiwi ?");
    expect(first.context).toMatchObject({ project: "Appli Kiwi", intent: "billing_status", agents: ["preparation-facture"] });
    const second = read("et pour Atlas ?", first.context);
    expect(second.agents).toEqual(["preparation-facture"]);
    expect(second.intent).toMatchObject({ intent: "billing_status", project: { status: "matched", name: "Atlas" } });
    expect(second.context.project).toBe("Atlas");
  });

  it("resolves « relance-le » to the client being discussed", () => {
    const first = read("Où en sont les paiements de Kiwi Mobile ?");
    expect(first.context.client).toBe("Kiwi Mobile");
    const second = read("relance-le", first.context);
    expect(second.agents).toEqual(["email-relance"]);
    expect(second.intent).toMatchObject({ intent: "draft_reminder", client: { status: "matched", name: "Kiwi Mobile", fromContext: true } });
  });

  it("keeps the invoice being discussed for a follow-up", () => {
    const first = read("La F-2026-0031 est-elle réglée ?");
    const second = read("fais une relance cordiale", first.context);
    expect(second.intent).toMatchObject({ intent: "draft_reminder", invoiceNumber: "F-2026-0031", level: "cordial" });
  });

  it("routes a confirmation to the agents of the conversation", () => {
    const first = read("Relance Acme");
    expect(read("vas-y", first.context).agents).toEqual(["email-relance"]);
  });

  it("leaves the context unchanged after a refusal", () => {
    const context = { client: "Acme Industries", agents: ["suivi-paiements" as const] };
    expect(read("Raconte-moi une blague", context).context).toEqual(context);
  });
});

describe("understand with several intents in one request", () => {
  it("gives one step per agent, in the order said, each with its own slots", () => {
    const result = read("Émets l'avoir de 1 200,50 € sur F-2026-0012 puis montre la balance âgée");
    expect(result.agents).toEqual(["preparation-facture", "suivi-paiements"]);
    expect(result.steps).toEqual([{ intent: "issue_credit_note", invoiceNumber: "F-2026-0012", amount: "1200.50" }, { intent: "aging" }]);
  });

  it("lets a clause without a name inherit the previous clause's client", () => {
    const result = read("Vérifie si Nexa a payé et relance si besoin");
    expect(result.steps).toMatchObject([
      { intent: "payment_status", client: { name: "Nexa Conseil" } },
      { intent: "draft_reminder", client: { name: "Nexa Conseil", fromContext: true } },
    ]);
  });

  it("keeps a single step for a chained request", () => {
    const result = read("Le client n'a pas payé");
    expect(result.steps).toEqual([{ intent: "client_not_paid" }]);
    expect(result.agents).toEqual(["suivi-paiements", "email-relance"]);
  });
});
