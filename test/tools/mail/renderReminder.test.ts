import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, RuleError } from "../../../engine/errors.js";
import { renderReminder } from "../../../tools/mail/renderReminder.js";
import { reminderTemplatesDir } from "../../../tools/mail/reminderTemplates.js";
import { reminderInput } from "./reminderFixtures.js";

const NNBSP = "\u202f";
const NBSP = "\u00a0";
const euros = (s: string) => s.replace(/ €$/, `${NBSP}€`).replace(/ /g, NNBSP);

describe("renderReminder", () => {
  it("writes a courtesy reminder before the due date, with the days left and the invoice", () => {
    const r = renderReminder(reminderInput("pre_due"));
    expect(r.subject).toBe("Rappel : échéance de la facture n° FA-2026-0042 le 19 avril 2026");
    expect(r.text).toContain("la facture n° FA-2026-0042 du 20 mars 2026");
    expect(r.text).toContain(`d'un montant de ${euros("16 200,00 €")} TTC, arrive à échéance le 19 avril 2026 (dans 5 jours)`);
    expect(r.text).toContain("Vous trouverez la facture en pièce jointe");
    expect(r.text).not.toMatch(/retard|mise en demeure/i);
  });

  it("says the reminder falls on the due day itself", () => {
    const r = renderReminder(reminderInput("pre_due", { asOf: "2026-04-19" }));
    expect(r.text).toContain("arrive à échéance le 19 avril 2026 (aujourd'hui)");
  });

  it("mentions what remains due when the invoice is partly paid", () => {
    const input = reminderInput("pre_due");
    const r = renderReminder({ ...input, invoice: { ...input.invoice, outstanding: "9200.50" } });
    expect(r.text).toContain(`le montant restant à régler est de ${euros("9 200,50 €")}`);
    expect(renderReminder(reminderInput("pre_due")).text).not.toContain("règlements déjà reçus");
  });

  it("writes R1 cordially, with the days late and the outstanding amount", () => {
    const r = renderReminder(reminderInput("r1"));
    expect(r.subject).toBe("Facture n° FA-2026-0042 : rappel de paiement");
    expect(r.text).toContain("Sauf erreur ou omission de notre part");
    expect(r.text).toContain("(7 jours de retard)");
    expect(r.text).toContain(`Le montant restant dû est de ${euros("16 200,00 €")}.`);
    expect(r.text).toContain("Bien cordialement,");
    expect(r.text).not.toMatch(/mise en demeure|pénalités/i);
  });

  it("greets the client's contact by name when known", () => {
    const input = reminderInput("r1");
    const r = renderReminder({ ...input, client: { ...input.client, contactName: "Madame Durand" } });
    expect(r.text.startsWith("Bonjour Madame Durand,\n")).toBe(true);
    expect(r.html).toContain("Bonjour Madame Durand,");
    expect(renderReminder(input).text.startsWith("Madame, Monsieur,\n")).toBe(true);
  });

  it("writes R2 firmly, with a deadline 8 days later by default and the legal reminder", () => {
    const r = renderReminder(reminderInput("r2"));
    expect(r.subject).toBe("Deuxième relance : facture n° FA-2026-0042 impayée");
    expect(r.text).toContain("Malgré notre précédente relance");
    expect(r.text).toContain("Le retard atteint désormais 15 jours");
    expect(r.text).toContain("au plus tard le 12 mai 2026");
    expect(r.text).toContain("article L441-10 du Code de commerce");
    expect(r.text).toContain("indemnité forfaitaire pour frais de recouvrement");
  });

  it("uses the deadline it is given", () => {
    const r = renderReminder(reminderInput("r2", { deadline: "2026-05-31" }));
    expect(r.text).toContain("au plus tard le 31 mai 2026");
  });

  it("writes R3 as a formal notice: penalties at the contractual rate, the 40 € indemnity, the total, the deadline, the consequences", () => {
    const r = renderReminder(reminderInput("r3"));
    expect(r.subject).toBe("Mise en demeure de payer : facture n° FA-2026-0042");
    expect(r.text).toContain("MISE EN DEMEURE DE PAYER");
    expect(r.text).toContain("nous vous mettons en demeure de nous régler, au plus tard le 27 mai 2026");
    expect(r.text).toContain(`la somme de ${euros("16 401,78 €")}`);
    expect(r.text).toContain(`principal restant dû : ${euros("16 200,00 €")}`);
    expect(r.text).toContain(`pénalités de retard au taux annuel contractuel de 12,15${NBSP}%, calculées sur 30 jours : ${euros("161,78 €")}`);
    expect(r.text).toContain(`indemnité forfaitaire pour frais de recouvrement : ${euros("40,00 €")} (articles L441-10 et D441-5 du Code de commerce)`);
    expect(r.text).toContain(`Total exigible : ${euros("16 401,78 €")}`);
    expect(r.text).toContain("procédure judiciaire");
    expect(r.text).toContain("injonction de payer");
    expect(r.text).toContain("salutations distinguées");
    expect(r.html).toContain(euros("40,00 €"));
    expect(r.html).toContain(`12,15${NBSP}%`);
    expect(r.html).toContain(euros("161,78 €"));
  });

  it("signs with the seller's legal name and contact in both parts", () => {
    const r = renderReminder(reminderInput("r1"));
    for (const part of [r.text, r.html]) {
      expect(part).toContain("Atelier Numérique SAS");
      expect(part).toContain("Claire Martin, service comptabilité");
      expect(part).toContain("compta@atelier-numerique.fr");
      expect(part).toContain("04 72 00 00 00");
      expect(part).toContain(`SIREN 123${NBSP}456${NBSP}789`);
    }
    expect(r.text).toContain("IBAN FR76 3000 1007 9412 3456 7890 185 – BIC BNPAFRPPXXX");
  });

  it("escapes a hostile client name in HTML and keeps it literal in the text, never running it as a template", () => {
    const input = reminderInput("r3");
    const name = "<script>alert(1)</script> {{x}} {{invoice.number}} {{> signatureText}}";
    const r = renderReminder({ ...input, client: { ...input.client, name, contactName: "{{seller.email}} & <b>" } });
    expect(r.html).not.toContain("<script>");
    expect(r.html).not.toContain("<b>");
    expect(r.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; {{x}} {{invoice.number}} {{&gt; signatureText}}");
    expect(r.html).toContain("{{seller.email}} &amp; &lt;b&gt;");
    expect(r.text).toContain(name);
    expect(r.text).toContain("{{seller.email}} & <b>");
    expect(r.text).not.toContain("&lt;");
  });

  it("keeps an invoice number with HTML characters literal in the subject and text and escaped in HTML", () => {
    const input = reminderInput("r1");
    const r = renderReminder({ ...input, invoice: { ...input.invoice, number: "A&B<1>\"{{x}}\"" } });
    expect(r.subject).toBe("Facture n° A&B<1>\"{{x}}\" : rappel de paiement");
    expect(r.text).toContain("la facture n° A&B<1>\"{{x}}\" du");
    expect(r.html).toContain("A&amp;B&lt;1&gt;&quot;{{x}}&quot;");
    expect(r.html).not.toContain("A&B<1>");
  });

  it("refuses a pre-due reminder for an invoice already due", () => {
    expect(() => renderReminder(reminderInput("pre_due", { asOf: "2026-04-20" }))).toThrow(RuleError);
    expect(() => renderReminder(reminderInput("pre_due", { asOf: "2026-04-20" }))).toThrow(/^level : la facture est déjà échue/);
  });

  it("refuses R1, R2 or R3 before the invoice is due", () => {
    for (const level of ["r1", "r2", "r3"] as const) {
      expect(() => renderReminder(reminderInput(level, { asOf: "2026-04-19" }))).toThrow(/^level : la facture n'est pas encore échue/);
    }
  });

  it("refuses the escalation level, which is not an e-mail", () => {
    expect(() => renderReminder({ ...reminderInput("r1"), level: "escalation" as never })).toThrow("level : doit valoir pre_due, r1, r2 ou r3");
  });

  it("refuses R3 without penalties", () => {
    const { penalties: _omitted, ...input } = reminderInput("r3");
    expect(() => renderReminder(input)).toThrow(InputError);
    expect(() => renderReminder(input)).toThrow("penalties : obligatoires pour une mise en demeure (R3)");
  });

  it("refuses a total that is not principal + penalties + indemnity", () => {
    const input = reminderInput("r3");
    const bad = { ...input, penalties: { annualRatePercent: "12.15", days: 30, interest: "161.78", fixedIndemnity: "40.00", totalClaimed: "16401.77" } };
    expect(() => renderReminder(bad)).toThrow(`penalties.totalClaimed : doit être égal au reste dû + pénalités + indemnité forfaitaire (16${NNBSP}401,78${NBSP}€)`);
  });

  it("refuses days late that contradict the dates", () => {
    expect(() => renderReminder(reminderInput("r1", { daysLate: 8 }))).toThrow(/^daysLate : ne correspond pas aux dates/);
    expect(renderReminder(reminderInput("r1", { daysLate: 7 })).text).toContain("(7 jours de retard)");
  });

  it("names the field of an invalid amount, e-mail or date", () => {
    const input = reminderInput("r1");
    expect(() => renderReminder({ ...input, invoice: { ...input.invoice, outstanding: "16200.5.0" } })).toThrow(/^invoice\.outstanding : /);
    expect(() => renderReminder({ ...input, invoice: { ...input.invoice, amountDue: "1e4" } })).toThrow(/^invoice\.amountDue : /);
    expect(() => renderReminder({ ...input, invoice: { ...input.invoice, outstanding: "17000.00" } })).toThrow(
      "invoice.outstanding : ne peut pas dépasser le montant de la facture",
    );
    expect(() => renderReminder({ ...input, client: { ...input.client, billingEmail: "pas-une-adresse" } })).toThrow(
      "client.billingEmail : doit être une adresse e-mail valide",
    );
    expect(() => renderReminder({ ...input, invoice: { ...input.invoice, dueDate: "2026-02-30" } })).toThrow(/^invoice\.dueDate : /);
  });

  it("refuses line breaks in names, which could forge headers or text", () => {
    const input = reminderInput("r1");
    expect(() => renderReminder({ ...input, client: { ...input.client, name: "Acme\r\nBcc: victime@example.com" } })).toThrow(
      "client.name : ne peut pas contenir de saut de ligne ni de caractère de contrôle",
    );
  });

  it("produces a full French HTML document for every level", () => {
    for (const level of ["pre_due", "r1", "r2", "r3"] as const) {
      const r = renderReminder(reminderInput(level));
      expect(r.html.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">")).toBe(true);
      expect(r.html).toContain(`<title>${r.subject}</title>`);
      expect(r.html).toContain("FA-2026-0042");
      expect(r.text).not.toMatch(/<[a-z]/i);
    }
  });
});

describe("reminder templates", () => {
  it("never use an unescaped expression ({{{…}}} or {{&…}})", () => {
    const dir = reminderTemplatesDir();
    const files = [...readdirSync(dir).map((f) => join(dir, f)), ...readdirSync(join(dir, "partials")).map((f) => join(dir, "partials", f))].filter((f) =>
      f.endsWith(".hbs"),
    );
    expect(files.length).toBe(18);
    for (const file of files) expect(readFileSync(file, "utf8")).not.toMatch(/\{\{\{|\{\{~?\s*&/);
  });
});
