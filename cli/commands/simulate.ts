import type { Command } from "commander";
import type { InvoiceKind } from "../../engine/invoice/invoiceDocument.js";
import type { ReplayResult } from "../../engine/schedule/scheduleInvoice.js";

/**
 * `facturation simulate FICHIER.json [--json]`: replays a scenario (facturation-scenario/1) and
 * shows the invoices its schedule produces. Any refusal is thrown as a BillingError, which the CLI
 * prints as one French line on stderr with exit code 2 (stdout stays empty).
 * The engine and the table renderer are loaded only when the command runs, so that other
 * commands do not pay for them at start-up (and this one not for theirs).
 */
export function registerSimulate(program: Command): void {
  program
    .command("simulate")
    .description("rejoue un scénario d'échéancier (facturation-scenario/1) et affiche les factures produites")
    .argument("<fichier>", "fichier JSON du scénario")
    .option("--json", "sortie JSON exacte du format facturation-scenario/1")
    .action(async (file: string, options: { json?: boolean }) => {
      const [{ unwrap }, { simulateScenario }, { toScenarioOutput }] = await Promise.all([
        import("../../engine/result.js"),
        import("../../engine/scenario/simulateScenario.js"),
        import("../../engine/scenario/scenarioOutput.js"),
      ]);
      const { parseJsonInput, readInputText } = await import("../../db/import/inputFile.js");
      const json = parseJsonInput(await readInputText(file), file);
      const { result } = unwrap(simulateScenario(json));
      process.stdout.write(options.json ? `${JSON.stringify(toScenarioOutput(result), null, 2)}\n` : await renderTable(result));
    });
}

const KIND_FR: Record<InvoiceKind, string> = { invoice: "Facture", deposit: "Acompte", credit_note: "Avoir" };

/** A French table: one row per invoice, its lines in one cell. */
export async function renderTable(result: ReplayResult): Promise<string> {
  const [{ default: Table }, { formatDateShortFr }, { formatEuros }, { sum, toPlainString }] = await Promise.all([
    import("cli-table3"),
    import("../../engine/dates/plainDate.js"),
    import("../../engine/money/formatEuros.js"),
    import("../../engine/money/money.js"),
  ]);
  if (result.invoices.length === 0) {
    return `Aucune facture produite par l'échéancier.\nDossier ${result.closed ? "clôturé" : "ouvert"}.\n`;
  }
  const table = new Table({
    head: ["Date", "Nature", "Lignes", "HT", "TVA", "TTC", "Échéance"],
    colAligns: ["left", "left", "left", "right", "right", "right", "left"],
    style: { head: [], border: [] },
  });
  for (const invoice of result.invoices) {
    const lines = invoice.lines.map((l) => {
      const unitPrice = l.unitPrice.decimalPlaces() > 2 ? `${toPlainString(l.unitPrice).replace(".", ",")}\u00a0€` : formatEuros(l.unitPrice);
      return `${l.label} : ${toPlainString(l.quantity).replace(".", ",")} × ${unitPrice} = ${formatEuros(l.net)}`;
    });
    table.push([
      formatDateShortFr(invoice.date),
      KIND_FR[invoice.kind],
      lines.join("\n"),
      formatEuros(invoice.netAmount),
      formatEuros(invoice.vatAmount),
      formatEuros(invoice.amountDue),
      formatDateShortFr(invoice.dueDate),
    ]);
  }
  const totalNet = sum(result.invoices.map((i) => i.netAmount));
  const totalDue = sum(result.invoices.map((i) => i.amountDue));
  const count = result.invoices.length;
  const status = result.closed ? (result.closedOn ? `clôturé le ${formatDateShortFr(result.closedOn)}` : "clôturé") : "ouvert";
  return `${table.toString()}\n${count} document${count > 1 ? "s" : ""} — total HT ${formatEuros(totalNet)}, TTC ${formatEuros(totalDue)}. Dossier ${status}.\n`;
}
