/**
 * Child process of the crash test: opens the database given on the command line and issues
 * invoices one after another forever, printing each number; the parent SIGKILLs it mid-way.
 *   node --import tsx test/db/crashIssuer.ts <dataDir|postgres://…> <clientId>
 */
import { openDatabase } from "../../db/connection.js";
import { createDraftInvoice } from "../../db/repositories/invoiceDrafts.js";
import { issueInvoice } from "../../db/repositories/issueInvoice.js";
import { Decimal } from "../../engine/money/money.js";

async function main(): Promise<void> {
  const [target = "", clientIdText = "1"] = process.argv.slice(2);
  const opened = await openDatabase(target.startsWith("postgres") ? { databaseUrl: target } : { dataDir: target });
  const clientId = Number.parseInt(clientIdText, 10);
  process.stdout.write("ready\n");
  for (let i = 0; ; i++) {
    const net = new Decimal(100 + (i % 50));
    const { invoice } = await createDraftInvoice(opened.db, {
      kind: "invoice",
      clientId,
      issueDate: "2026-05-04",
      lines: [{ label: `Lot ${i}`, quantity: new Decimal(1), unitPrice: net, net, vatRate: "20" }],
      createdBy: "crash",
    });
    const issued = await issueInvoice(opened.db, { invoiceId: invoice.id, actor: "crash", channel: "test" });
    process.stdout.write(`${issued.invoice.number}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
