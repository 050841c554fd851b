import type { z } from "zod";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { SystemError } from "../../engine/errors.js";
import type { ConfirmationDeps } from "../confirmation/confirmationDeps.js";
import { ConfirmationGate } from "../confirmation/confirmationGate.js";
import { invokeTool } from "../invokeTool.js";
import type { Session } from "../session.js";
import type { Tool, ToolContext } from "../toolDefinition.js";
import type { ToolDatabase } from "../toolDatabase.js";

/**
 * The workspace's way to the tools: the same registry, the same `invokeTool` (validation, output
 * schema) as an MCP client, in the name of the signed-in person. A monetary tool only proposes: there
 * is no elicitation channel here, so its action waits for a confirmation on the pending-action page.
 */
export interface WebTools {
  call<S extends z.ZodType>(name: string, args: Record<string, unknown>, as: Session, schema: S, options?: { readonly today?: IsoDate }): Promise<{ structured: z.infer<S>; text: string }>;
}

export function webTools(options: { readonly tools: readonly Tool[]; readonly db: ToolDatabase; readonly confirmation: ConfirmationDeps }): WebTools {
  const byName = new Map(options.tools.map((t) => [t.name, t]));
  return {
    async call(name, args, as, schema, callOptions = {}) {
      const tool = byName.get(name);
      if (!tool) throw new SystemError(`outil inconnu : ${name}`, { code: "unknown_tool" });
      const pinned = callOptions.today;
      const ctx: ToolContext = {
        db: options.db,
        session: as,
        // A page "as of a date" reads every tool as of that date; proposals always use the business day.
        today: pinned === undefined || tool.monetary ? options.confirmation.today : () => pinned,
        binding: {},
        gate: new ConfirmationGate(options.confirmation, as, undefined),
      };
      const result = await invokeTool(tool, args, ctx);
      return { structured: schema.parse(result.structured) as z.infer<typeof schema>, text: result.text };
    },
  };
}
