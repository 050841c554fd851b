import type { InvoiceDocument, InvoiceLine, UnitCode } from "../invoice/invoiceDocument.js";
import { Decimal, ZERO, roundCents, sum } from "../money/money.js";
import { VAT_EXEMPTIONS, vatCategory, type VatExemption, type VatRate } from "../vat/vatRate.js";

/**
 * The figures of an `InvoiceDocument` as the CII XML states them.
 *
 * Signs. The engine stores a credit note with NEGATIVE amounts (it reduces revenue); a CII credit note
 * (TypeCode 381) states the same amounts as POSITIVE numbers, the type code carrying the direction.
 * So every amount of a credit note is negated here; for the other kinds the sign is kept.
 *
 * Lines. EN 16931 forbids a negative item price (BR-27, and BR-FR-DEC-03), so a line whose net is
 * negative (a deposit deducted on a final invoice) is written with a NEGATIVE quantity and a positive
 * price: 1 × -3 000,00 becomes -1 × 3 000,00. When the quantity does not fit BR-FR-DEC-02 (4 decimals)
 * or the price the 6 decimals of BR-FR-DEC-03, or quantity × price does not round to the net, the line
 * is stated as 1 (or -1) unit at the line net, which keeps BR-CO-10 exact.
 */
export interface CiiLine {
  readonly lineId: string;
  readonly label: string;
  readonly note?: string | undefined;
  readonly quantity: Decimal;
  readonly unitCode: UnitCode;
  readonly price: Decimal;
  readonly net: Decimal;
  readonly category: VatCategoryCode;
  readonly rate: VatRate;
}

export type VatCategoryCode = ReturnType<typeof vatCategory>;

export interface CiiVatRow {
  readonly category: VatCategoryCode;
  readonly rate: VatRate;
  readonly base: Decimal;
  readonly vatAmount: Decimal;
  readonly exemptionReason?: string | undefined;
  readonly exemptionCode?: string | undefined;
}

export interface CiiFigures {
  readonly sign: 1 | -1;
  readonly lines: readonly CiiLine[];
  readonly vatRows: readonly CiiVatRow[];
  /** BT-106 = BT-109 (no document-level allowances or charges). */
  readonly lineTotal: Decimal;
  readonly taxBasisTotal: Decimal;
  /** BT-110. */
  readonly taxTotal: Decimal;
  /** BT-112. */
  readonly grandTotal: Decimal;
  /** BT-115. Deposits are deducted by negative lines, so nothing is stated as prepaid (BT-113 = 0). */
  readonly duePayable: Decimal;
}

const MAX_QUANTITY_PLACES = 4;
const MAX_PRICE_PLACES = 6;

function lineNote(line: InvoiceLine, formatDate: (d: string) => string): string | undefined {
  if (!line.deducts) return undefined;
  return `Déduction de la facture d'acompte n° ${line.deducts.number} du ${formatDate(line.deducts.issueDate)}`;
}

function ciiLine(line: InvoiceLine, index: number, sign: 1 | -1, formatDate: (d: string) => string): CiiLine {
  const net = line.net.times(sign);
  const direction = net.isNegative() ? -1 : 1;
  let quantity = line.quantity.abs().times(direction);
  let price = line.unitPrice.abs();
  let unitCode = line.unitCode;
  const fits =
    quantity.decimalPlaces() <= MAX_QUANTITY_PLACES &&
    price.decimalPlaces() <= MAX_PRICE_PLACES &&
    !quantity.isZero() &&
    roundCents(quantity.times(price)).equals(net);
  if (!fits) {
    quantity = new Decimal(direction);
    price = net.abs();
    unitCode = "C62";
  }
  return {
    lineId: String(index + 1),
    label: line.label,
    note: lineNote(line, formatDate),
    quantity,
    unitCode,
    price,
    net,
    category: vatCategory(line.vatRate, line.vatExemption),
    rate: line.vatRate,
  };
}

function exemption(category: VatCategoryCode, exemptions: readonly (VatExemption | undefined)[]) {
  if (category === "S" || category === "Z") return {};
  const known = [...new Set(exemptions.filter((e): e is VatExemption => e !== undefined))];
  const first = known[0];
  if (!first) return {};
  return {
    exemptionReason: known.map((e) => VAT_EXEMPTIONS[e].text).join(" ; "),
    exemptionCode: VAT_EXEMPTIONS[first].code,
  };
}

export function ciiFigures(doc: InvoiceDocument, formatDate: (d: string) => string): CiiFigures {
  const sign: 1 | -1 = doc.kind === "credit_note" ? -1 : 1;
  const lines = doc.lines.map((l, i) => ciiLine(l, i, sign, formatDate));

  // One VAT row per (category, rate), as EN 16931 wants (BR-S-08, BR-E-08…); the VAT amounts are the
  // engine's, computed once per rate on the sum of the nets.
  const rows = new Map<string, { category: VatCategoryCode; rate: VatRate; base: Decimal; vatAmount: Decimal; exemptions: (VatExemption | undefined)[] }>();
  for (const r of doc.totals.breakdown) {
    const category = vatCategory(r.vatRate, r.vatExemption);
    const key = `${category}|${r.vatRate}`;
    const row = rows.get(key);
    if (row) {
      row.base = row.base.plus(r.base.times(sign));
      row.vatAmount = row.vatAmount.plus(r.vatAmount.times(sign));
      row.exemptions.push(r.vatExemption);
    } else {
      rows.set(key, { category, rate: r.vatRate, base: r.base.times(sign), vatAmount: r.vatAmount.times(sign), exemptions: [r.vatExemption] });
    }
  }
  const vatRows = [...rows.values()].map(({ exemptions, ...r }) => ({ ...r, ...exemption(r.category, exemptions) }));

  const lineTotal = sum(lines.map((l) => l.net));
  const taxTotal = vatRows.reduce<Decimal>((acc, r) => acc.plus(r.vatAmount), ZERO);
  const grandTotal = lineTotal.plus(taxTotal);
  return { sign, lines, vatRows, lineTotal, taxBasisTotal: lineTotal, taxTotal, grandTotal, duePayable: grandTotal };
}
