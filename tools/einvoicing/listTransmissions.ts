import { z } from "zod";
import { pendingTransmissions } from "../../db/einvoicing/transmissionQueue.js";
import { rowsOf } from "../../db/database.js";
import { listInvoices } from "../../db/repositories/invoiceQueries.js";
import { sql } from "drizzle-orm";
import { defineTool } from "../toolDefinition.js";
import { TransmissionViewSchema, transmissionViews } from "./transmissionView.js";

export const ListTransmissionsOutputSchema = z.object({
  invoices: z.array(
    z.object({
      invoiceId: z.number().int(),
      number: z.string(),
      clientId: z.number().int(),
      state: z.enum(["waiting", "failed", "refused", "rejected"]).describe("waiting: pas encore déposée ; failed: nouvel essai prévu ; refused: requête refusée ; rejected: statut 213 reçu"),
      transmission: TransmissionViewSchema,
    }),
  ),
  waitingCount: z.number().int(),
  errorCount: z.number().int(),
});

/** list_transmissions: the invoices waiting for transmission to the Plateforme Agréée, or in error. */
export const listTransmissionsTool = defineTool({
  name: "list_transmissions",
  title: "Factures à transmettre ou en erreur",
  description:
    "Liste les documents émis qui attendent leur dépôt sur la Plateforme Agréée (ou dont un statut 212 Encaissée attend), ceux dont le " +
    "dépôt a échoué ou a été refusé, et ceux que la plateforme a rejetés (statut 213), avec le motif et la marche à suivre. À utiliser " +
    "pour « quelles factures ne sont pas parties ? », « y a-t-il des factures en erreur ? ». Lecture seule.",
  inputSchema: z.object({}),
  outputSchema: ListTransmissionsOutputSchema,
  annotations: { readOnlyHint: true, openWorldHint: false },
  monetary: false,
  async handler(_args, ctx) {
    const pending = await pendingTransmissions(ctx.db, { now: new Date(0), ignoreBackoff: true });
    const rejected = rowsOf<{ invoice_id: number }>(await ctx.db.execute(sql`select distinct invoice_id from lifecycle_statuses where status_code = '213' order by invoice_id`)).map((r) => r.invoice_id);
    const ids = [...new Set([...pending.map((p) => p.invoiceId), ...rejected])];
    const invoices = ids.length ? (await listInvoices(ctx.db, {})).filter((i) => ids.includes(i.id)) : [];
    const views = await transmissionViews(ctx.db, invoices);
    const rows = invoices.map((inv) => {
      const mine = pending.filter((p) => p.invoiceId === inv.id);
      const state = rejected.includes(inv.id)
        ? ("rejected" as const)
        : mine.some((p) => p.lastOutcome === "refused")
          ? ("refused" as const)
          : mine.some((p) => p.lastOutcome === "failed")
            ? ("failed" as const)
            : ("waiting" as const);
      return { invoiceId: inv.id, number: inv.number ?? String(inv.id), clientId: inv.clientId, state, transmission: views.get(inv.id) ?? TransmissionViewSchema.parse({ sent: null, platform: null, statuses: [], collections: [], summary: "pas encore transmise", correction: null }) };
    });
    const errorCount = rows.filter((r) => r.state !== "waiting").length;
    const structured = { invoices: rows, waitingCount: rows.length - errorCount, errorCount };
    const text =
      rows.length === 0
        ? "Tout est transmis : aucun document en attente ni en erreur."
        : [`${structured.waitingCount} document(s) en attente de transmission, ${errorCount} en erreur :`, ...rows.map((r) => `- ${r.number} : ${r.transmission.summary}`)].join("\n");
    return { structured, text };
  },
});
