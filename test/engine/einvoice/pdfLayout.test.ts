import { describe, expect, it } from "vitest";
import { LayoutError, parseLayout } from "../../../engine/einvoice/pdfLayout.js";

describe("parseLayout", () => {
  it("reads directives, fields, columns and tables", () => {
    const blocks = parseLayout(`
      title Facture n° F-1
      field Date d'émission|20/03/2026
      columns
      column Émetteur
      strong ACME
      column Client
      line Lyon
      end-columns
      table 60:left:Désignation|40:right:Total
      row Conseil|100,00 €
      row-note une note
      end-table
      grand-total Net à payer|120,00 €
    `);
    expect(blocks.map((b) => b.kind)).toEqual(["title", "field", "columns", "table", "grand-total"]);
    expect(blocks[1]).toEqual({ kind: "field", label: "Date d'émission", value: "20/03/2026" });
    expect(blocks[3]).toMatchObject({ rows: [{ cells: ["Conseil", "100,00 €"], notes: ["une note"] }] });
  });

  it("refuses an unknown directive, a row outside a table and an unclosed table", () => {
    expect(() => parseLayout("blink x")).toThrow(LayoutError);
    expect(() => parseLayout("row a|b")).toThrow(/row outside a table/);
    expect(() => parseLayout("table 10:left:A")).toThrow(/unclosed/);
  });
});
