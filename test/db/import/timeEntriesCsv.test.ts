import { describe, expect, it } from "vitest";
import { parseTimeEntriesCsv } from "../../../db/import/timeEntriesCsv.js";
import { counterOfNumber } from "../../../db/import/invoiceNumberCounter.js";

describe("parseTimeEntriesCsv", () => {
  it("reads ; separated lines with French dates and decimal commas into action events", () => {
    const { file } = parseTimeEntriesCsv("Projet;Date;Action;Quantité;Description\natlas;14/03/2026;Développement;1,5;Sprint 2\natlas;2026-03-15;Recette;2;\n", "temps.csv");
    expect(file.events).toEqual([
      { type: "action", project: "atlas", date: "2026-03-14", name: "Développement", quantity: "1.5", description: "Sprint 2" },
      { type: "action", project: "atlas", date: "2026-03-15", name: "Recette", quantity: "2" },
    ]);
  });

  it("reads , separated files, quoted fields and the --project default", () => {
    const { file } = parseTimeEntriesCsv('date,action,quantite,description\n2026-03-14,Développement,3,"Revue, corrections"\n', "t.csv", { project: "nexa" });
    expect(file.events).toEqual([{ type: "action", project: "nexa", date: "2026-03-14", name: "Développement", quantity: "3", description: "Revue, corrections" }]);
  });

  it("names the file, line and column of a bad date", () => {
    expect(() => parseTimeEntriesCsv("projet;date;action;quantite\natlas;2026-02-30;Dev;1\n", "temps.csv")).toThrow("temps.csv ligne 2, colonne date : date invalide « 2026-02-30 » (AAAA-MM-JJ ou JJ/MM/AAAA)");
  });

  it("names a negative or non-numeric quantity", () => {
    expect(() => parseTimeEntriesCsv("projet;date;action;quantite\natlas;2026-02-10;Dev;1\natlas;2026-02-11;Dev;-2\n", "temps.csv")).toThrow("temps.csv ligne 3, colonne quantite : doit être un nombre positif, ex. 1,5 (reçu « -2 »)");
  });

  it("refuses an unknown column and a file without project column nor --project", () => {
    expect(() => parseTimeEntriesCsv("projet;date;action;heures\n", "t.csv")).toThrow("t.csv ligne 1, colonne 4 : colonne inconnue « heures »");
    expect(() => parseTimeEntriesCsv("date;action;quantite\n2026-01-01;Dev;1\n", "t.csv")).toThrow("t.csv ligne 1 : colonne « projet » absente : ajoutez-la ou indiquez --project");
  });

  it("maps an import error on an event back to its CSV line and column", () => {
    const { describeField } = parseTimeEntriesCsv("projet;date;action;quantite\n\natlas;2026-02-10;Dev;1\natlas;2026-02-11;Dev;2\n", "t.csv");
    expect(describeField("events[1].name")).toBe("t.csv ligne 4, colonne action");
    expect(describeField("events[0].project")).toBe("t.csv ligne 3, colonne projet");
  });
});

describe("counterOfNumber", () => {
  it("reads the counter of a number written in the series' format for its issue date", () => {
    expect(counterOfNumber("F-{YYYY}-{NNNN}", "F-2026-0042", "2026-11-15")).toEqual({ period: "2026", counter: 42 });
    expect(counterOfNumber("FAC/{YY}/{MM}/{NNN}", "FAC/26/03/1234", "2026-03-02")).toEqual({ period: "2026-03", counter: 1234 });
  });

  it("ignores numbers of another format or of another year than their issue date", () => {
    expect(counterOfNumber("F-{YYYY}-{NNNN}", "2026-0042", "2026-11-15")).toBeUndefined();
    expect(counterOfNumber("F-{YYYY}-{NNNN}", "F-2025-0042", "2026-01-15")).toBeUndefined();
  });
});
