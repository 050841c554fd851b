import { z } from "zod";
import { SystemError } from "../engine/errors.js";
import type { ConversationBinding } from "./session.js";
import type { Tool, ToolContext, ToolResult } from "./toolDefinition.js";

/**
 * The input schema a model sees: the tool's own, minus the fields the conversation binding
 * fills server-side (STYLE rule 6).
 */
export function exposedInputSchema(tool: Tool, binding: ConversationBinding): z.ZodObject {
  const bound = tool.bindable.filter((field) => binding[field] !== undefined);
  if (bound.length === 0) return tool.inputSchema;
  const mask: Partial<Record<string, true>> = {};
  for (const field of bound) mask[field] = true;
  return tool.inputSchema.omit(mask);
}

/**
 * One tool call, the same for every caller (MCP server, agent runner, tests): inject the bound
 * fields (the binding wins over anything the model sent), validate the arguments (a French
 * InputError naming the field), run the handler, and check its structured result against the
 * output schema (a mismatch is our bug: SystemError). Other errors propagate untouched.
 */
export async function invokeTool(tool: Tool, rawArgs: unknown, ctx: ToolContext): Promise<ToolResult<Record<string, unknown>>> {
  const args = rawArgs === undefined || rawArgs === null ? {} : rawArgs;
  const injected =
    typeof args === "object" && !Array.isArray(args)
      ? { ...args, ...Object.fromEntries(tool.bindable.filter((f) => ctx.binding[f] !== undefined).map((f) => [f, ctx.binding[f]])) }
      : args;
  const result = await tool.run(injected, ctx);
  const output = tool.outputSchema.safeParse(result.structured);
  if (!output.success) {
    throw new SystemError(`le résultat de l'outil ${tool.name} ne respecte pas son schéma de sortie`, { code: "invalid_tool_output", cause: output.error });
  }
  return { structured: output.data, text: result.text };
}
