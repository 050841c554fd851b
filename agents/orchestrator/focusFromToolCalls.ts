import { z } from "zod";
import type { ToolCallRecord } from "../runner/agentRunner.js";
import type { ConversationContext } from "../understanding/conversationContext.js";

type Focus = Pick<ConversationContext, "client" | "project" | "invoice">;

const FoundClientSchema = z.object({ candidates: z.array(z.object({ name: z.string() })).min(1), ambiguous: z.literal(false) });
const FoundProjectSchema = z.object({ candidates: z.array(z.object({ name: z.string(), clientName: z.string() })).min(1), ambiguous: z.literal(false) });
const OneInvoiceSchema = z.object({ number: z.string(), client: z.object({ name: z.string() }), project: z.object({ name: z.string() }).nullable() });
const DraftsSchema = z.object({ projectName: z.string(), clientName: z.string() });

/**
 * What the conversation is about, as the tools just showed it (whatever the runner, Claude or
 * offline): a client or project found unambiguously, an invoice looked at. Later calls win.
 */
export function focusFromToolCalls(calls: readonly ToolCallRecord[]): Focus {
  let focus: Focus = {};
  for (const call of calls) {
    if (call.isError || call.structuredContent === undefined) continue;
    const data = call.structuredContent;
    switch (call.name) {
      case "find_client": {
        const found = FoundClientSchema.safeParse(data);
        if (found.success && found.data.candidates[0]) focus = { ...focus, client: found.data.candidates[0].name };
        break;
      }
      case "find_project": {
        const found = FoundProjectSchema.safeParse(data);
        if (found.success && found.data.candidates[0]) focus = { ...focus, project: found.data.candidates[0].name, client: found.data.candidates[0].clientName };
        break;
      }
      case "get_invoice": {
        const found = OneInvoiceSchema.safeParse(data);
        if (found.success) focus = { ...focus, invoice: found.data.number, client: found.data.client.name, ...(found.data.project ? { project: found.data.project.name } : {}) };
        break;
      }
      case "prepare_invoice_draft": {
        const found = DraftsSchema.safeParse(data);
        if (found.success) focus = { ...focus, project: found.data.projectName, client: found.data.clientName };
        break;
      }
      default:
        break;
    }
  }
  return focus;
}
