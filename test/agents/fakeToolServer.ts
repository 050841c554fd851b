/**
 * A small real MCP server (the SDK's `McpServer`, zod tools) standing in for the tools server in
 * agent tests. It registers a few tools under their real names and records every call it executes.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ProposalResultSchema, type ProposalResult } from "../../tools/confirmation/proposalResult.js";
import type { ToolServerFactory, ToolServerProfile } from "../../agents/runtime/toolGateway.js";

/** What the real gate answers when a payment is proposed and waits for an out-of-band confirmation. */
export function pendingPayment(invoiceNumber: string, amount: string): ProposalResult {
  return {
    status: "pending",
    kind: "record_payment",
    pendingAction: { id: "pa_0001", summary: `Paiement de ${amount} € sur ${invoiceNumber}`, expiresAt: "2025-11-04T10:00:00.000Z" },
    preview: {
      title: `Enregistrer un paiement sur la facture ${invoiceNumber}`,
      client: "Acme",
      lines: [],
      facts: [{ label: "Montant", value: amount }],
      amountAtStake: amount,
    },
    pendingReason: "no_elicitation",
    confirmCommand: "facturation confirm pa_0001",
  };
}

export interface FakeToolServer {
  readonly factory: ToolServerFactory;
  /** Tools the server actually executed, in order. */
  readonly executed: { readonly name: string; readonly args: unknown }[];
  readonly profiles: ToolServerProfile[];
}

/** With `honourProfile: false` the server registers every tool whatever the profile, to show the gateway's own filter. */
export function fakeToolServer(options: { readonly honourProfile?: boolean } = {}): FakeToolServer {
  const executed: { name: string; args: unknown }[] = [];
  const profiles: ToolServerProfile[] = [];
  const factory: ToolServerFactory = (profile) => {
    profiles.push(profile);
    const server = new McpServer({ name: "outils-de-test", version: "0.0.1" });
    const wanted = (name: string) => options.honourProfile === false || profile.allowedTools.some((tool) => tool === name);

    if (wanted("find_client")) {
      server.registerTool(
        "find_client",
        {
          title: "Trouver un client",
          description: "Cherche un client par nom approché.",
          inputSchema: { query: z.string().describe("nom du client") },
          outputSchema: { clients: z.array(z.object({ id: z.string(), name: z.string() })) },
          annotations: { readOnlyHint: true },
        },
        async ({ query }) => {
          executed.push({ name: "find_client", args: { query } });
          const structuredContent = { clients: [{ id: "cli_acme", name: "Acme" }] };
          return { content: [{ type: "text", text: `1 client trouvé pour « ${query} » : Acme.` }], structuredContent };
        },
      );
    }
    if (wanted("list_invoices")) {
      server.registerTool(
        "list_invoices",
        {
          title: "Lister les factures",
          description: "Liste les factures d'un client.",
          inputSchema: { clientId: z.string(), overdue: z.boolean().optional() },
          outputSchema: { invoices: z.array(z.object({ number: z.string(), totalInclTax: z.string(), dueDate: z.string() })) },
          annotations: { readOnlyHint: true },
        },
        async (args) => {
          executed.push({ name: "list_invoices", args });
          const structuredContent = { invoices: [{ number: "F-2025-0042", totalInclTax: "19440.00", dueDate: "2025-10-31" }] };
          return { content: [{ type: "text", text: "1 facture : F-2025-0042, 19 440,00 € TTC, échue le 31/10/2025." }], structuredContent };
        },
      );
    }
    if (wanted("get_invoice")) {
      server.registerTool(
        "get_invoice",
        {
          title: "Voir une facture",
          description: "Une facture avec ses paiements.",
          inputSchema: { number: z.string() },
          annotations: { readOnlyHint: true },
        },
        async ({ number }) => {
          executed.push({ name: "get_invoice", args: { number } });
          return { content: [{ type: "text", text: `number : facture ${number} introuvable` }], isError: true };
        },
      );
    }
    if (wanted("record_payment")) {
      server.registerTool(
        "record_payment",
        {
          title: "Enregistrer un paiement",
          description: "Propose l'enregistrement d'un paiement reçu (confirmation humaine requise).",
          inputSchema: { invoiceNumber: z.string(), amount: z.string() },
          outputSchema: ProposalResultSchema.shape,
          annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
        },
        async ({ invoiceNumber, amount }) => {
          executed.push({ name: "record_payment", args: { invoiceNumber, amount } });
          const structuredContent = pendingPayment(invoiceNumber, amount);
          return { content: [{ type: "text", text: `Action en attente de confirmation : ${structuredContent.pendingAction.id}.` }], structuredContent };
        },
      );
    }
    if (wanted("issue_invoice")) {
      server.registerTool(
        "issue_invoice",
        {
          title: "Émettre une facture",
          description: "Propose l'émission d'une facture (confirmation humaine requise).",
          inputSchema: { draftId: z.string() },
          annotations: { readOnlyHint: false, destructiveHint: true },
        },
        async ({ draftId }) => {
          executed.push({ name: "issue_invoice", args: { draftId } });
          return { content: [{ type: "text", text: "Action en attente de confirmation." }] };
        },
      );
    }
    return server;
  };
  return { factory, executed, profiles };
}
