import { describe, expect, it } from "vitest";
import { buildCdarXml } from "../../../../engine/einvoice/lifecycle/buildCdarXml.js";
import { collectionStatusMessage } from "../../../../engine/einvoice/lifecycle/collectionStatusMessage.js";
import { readCdarXml } from "../../../../engine/einvoice/lifecycle/readCdarXml.js";
import { InputError } from "../../../../engine/errors.js";
import { Decimal } from "../../../../engine/money/money.js";
import { buyer, seller } from "../documents.js";
import { cdarXsdErrors, officialExample, writeCdarOutput } from "./cdarTestKit.js";

const collection = (sequence = 1) =>
  collectionStatusMessage({
    invoice: { number: "F-2026-0045", typeCode: "380", issueDate: "2026-11-02", receivedAt: "2026-11-02T10:15:00" },
    seller,
    buyer,
    collectedOn: "2026-11-20",
    amounts: [
      { rate: "20", amount: new Decimal("1200.00"), vat: new Decimal("200.00") },
      { rate: "5.5", amount: new Decimal("211.00"), vat: new Decimal("11.00") },
    ],
    sequence,
    createdAt: "2026-11-20T18:30:05",
  });

describe("buildCdarXml", () => {
  it("writes a 212 Encaissée valid against the CDAR D22B schema, with the amount per VAT rate", async () => {
    const xml = buildCdarXml(collection());
    writeCdarOutput("engine-212-F-2026-0045.xml", xml);
    expect(await cdarXsdErrors(xml)).toEqual([]);
    const read = readCdarXml(xml);
    expect(read.status).toBe("212");
    expect(read.invoice).toEqual({ number: "F-2026-0045", typeCode: "380", issueDate: "2026-11-02", receivedAt: "2026-11-02T10:15:00", sellerSiren: seller.siren });
    expect(read.statusAt).toBe("2026-11-20T00:00:00");
    expect(read.amounts.map((a) => [a.rate, a.amount.toFixed(2)])).toEqual([["20", "1200.00"], ["5.5", "211.00"]]);
    expect(read.issuer).toEqual({ globalId: { scheme: "0002", value: seller.siren }, name: seller.legalName, role: "SE" });
    expect(read.recipients.map((r) => r.role)).toEqual(["BY", "DFH"]);
    expect(read.recipients[0]?.electronicAddress).toEqual({ scheme: "0225", value: buyer.siren });
  });

  it("follows the element order of the official 212 example (same paths, in the same order)", () => {
    const paths = (xml: string) => [...xml.matchAll(/<(ram:\w+|rsm:\w+|udt:\w+|qdt:\w+)[\s>]/g)].map((m) => m[1]);
    const ours = paths(buildCdarXml({ ...collection(), amounts: collection().amounts.slice(0, 1) }));
    expect(ours).toEqual(paths(officialExample("212").replace(/<!--.*?-->/g, "")));
  });

  it("numbers the second collection of an invoice apart from the first", () => {
    expect(collection(2).documentId).not.toBe(collection(1).documentId);
    expect(collection(2).documentId).toMatch(/^F-2026-0045_212_20261102101500-2#380_20261102$/);
  });
});

describe("readCdarXml", () => {
  it.each([
    ["213", "DOUBLON", "WK"],
    ["210", "TX_TVA_ERR", "BY"],
    ["207", "TX_TVA_ERR", "BY"],
    ["211", undefined, "BY"],
  ])("reads the official %s example: status, reason and who states it", (status, reasonCode, role) => {
    const read = readCdarXml(officialExample(status));
    expect(read.status).toBe(status);
    expect(read.reasons[0]?.code).toBe(reasonCode);
    expect(read.issuer.role).toBe(role);
    expect(read.invoice.number).toMatch(/^F2025000\d\d$/);
  });

  it("refuses what is not a CDAR message, naming the field", () => {
    expect(() => readCdarXml("<Invoice/>")).toThrow(InputError);
    expect(() => readCdarXml(officialExample("210").replace(">210<", ">299<"))).toThrow(/ProcessConditionCode|299/);
  });
});
