import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "../../../db/connection.js";
import { recordPayment } from "../../../db/repositories/recordPayment.js";
import { buildFec, FEC_COLUMNS } from "../../../engine/accounting/fec.js";
import { Decimal } from "../../../engine/money/money.js";
import { ledgerFecEntries } from "../../../tools/accounting/ledgerFecEntries.js";
import { testBackends } from "../../db/backends.js";
import { issueSimple, seedBasics } from "../../db/fixtures.js";

const column = (name: (typeof FEC_COLUMNS)[number]) => FEC_COLUMNS.indexOf(name);

describe.each(testBackends())("ledgerFecEntries — $name", (backend) => {
  let h: OpenedDatabase;
  beforeEach(async () => {
    h = await backend.fresh();
  });
  afterEach(async () => {
    await h.close();
  });

  it("letters the client-account lines of a settled invoice and its payment, as of the end of the period exported", async () => {
    const { client } = await seedBasics(h.db);
    const settled = await issueSimple(h.db, client.id, "2026-11-02", "1000.00");
    const open = await issueSimple(h.db, client.id, "2026-11-03", "500.00");
    await recordPayment(h.db, { clientId: client.id, amount: new Decimal("1200.00"), receivedOn: "2026-12-15", method: "transfer", allocations: [{ invoiceId: settled.id, amount: new Decimal("1200.00") }], actor: "t", channel: "t" });
    await recordPayment(h.db, { clientId: client.id, amount: new Decimal("100.00"), receivedOn: "2026-12-16", method: "transfer", allocations: [{ invoiceId: open.id, amount: new Decimal("100.00") }], actor: "t", channel: "t" });

    const rows = buildFec(await ledgerFecEntries(h.db, "2026-01-01", "2026-12-31"))
      .split("\r\n")
      .slice(1)
      .filter(Boolean)
      .map((r) => r.split("\t"));
    const lettered = rows.filter((r) => r[column("EcritureLet")] !== "");
    // The invoice's debit on 411 and the payment's credit on 411, nothing else (the VAT and bank lines, the open invoice).
    expect(lettered.map((r) => [r[column("CompteNum")], r[column("PieceRef")] === settled.number || (r[column("EcritureLib")] ?? "").includes(settled.number ?? "?"), r[column("Debit")], r[column("Credit")], r[column("EcritureLet")], r[column("DateLet")]])).toEqual([
      ["411", true, "1200,00", "0,00", "A", "20261215"],
      ["411", true, "0,00", "1200,00", "A", "20261215"],
    ]);

    // Exported before the payment, the same invoice line is not lettered yet.
    const november = buildFec(await ledgerFecEntries(h.db, "2026-11-01", "2026-11-30"));
    expect(november.split("\r\n").slice(1).filter(Boolean).every((r) => r.split("\t")[column("EcritureLet")] === "")).toBe(true);
  });
});
