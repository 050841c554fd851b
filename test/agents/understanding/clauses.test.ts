import { describe, expect, it } from "vitest";
import { splitClauses } from "../../../agents/understanding/clauses.js";

describe("splitClauses", () => {
  it("cuts at punctuation and at et / puis, keeping the original text", () => {
    expect(splitClauses("Facture le jalon d'Atlas et dis-moi où en sont les paiements, puis relance Kiwi").map((c) => c.raw)).toEqual([
      "Facture le jalon d'Atlas",
      "dis-moi où en sont les paiements",
      "relance Kiwi",
    ]);
  });

  it("never cuts inside an amount, a date, a percentage or an invoice number", () => {
    expect(splitClauses("Avoir de 1 200,50 € sur F-2026-0012 le 3/11/2026 pour 2,5 %").map((c) => c.raw)).toEqual(["Avoir de 1 200,50 € sur F-2026-0012 le 3/11/2026 pour 2,5 %"]);
  });

  it("gives spans that index the original text", () => {
    const text = "Relance Acme, merci";
    for (const clause of splitClauses(text)) expect(text.slice(clause.start, clause.end)).toBe(clause.raw);
  });
});
