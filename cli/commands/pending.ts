import Table from "cli-table3";
import type { Command } from "commander";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import { openDesk } from "../../tools/confirmation/openDesk.js";

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** `facturation pending`: the actions waiting for a human (works while `mcp` / `serve` hold the data folder). */
export function registerPending(program: Command): void {
  program
    .command("pending")
    .description("liste les actions en attente de confirmation")
    .option("--json", "sortie JSON")
    .action(async (options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ dataDir?: string }>();
      const { desk, close } = await openDesk(globals.dataDir);
      try {
        const views = await desk.list();
        if (options.json) {
          process.stdout.write(`${JSON.stringify(views, null, 2)}\n`);
          return;
        }
        if (views.length === 0) {
          process.stdout.write("Aucune action en attente de confirmation.\n");
          return;
        }
        const table = new Table({ head: ["Identifiant", "Action", "Client", "Montant", "Demandée par", "Expire"], style: { head: [], border: [] } });
        for (const v of views) {
          table.push([v.id, v.preview.title, v.preview.client, formatEuros(toDecimal(v.preview.amountAtStake)), v.requestedBy, DATE_TIME.format(new Date(v.expiresAt))]);
        }
        process.stdout.write(`${table.toString()}\nPour confirmer : facturation confirm <identifiant>\n`);
      } finally {
        await close();
      }
    });
}
