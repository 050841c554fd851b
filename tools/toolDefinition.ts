import { z } from "zod";
import type { IsoDate } from "../engine/dates/plainDate.js";
import type { Action } from "./confirmation/actionDefinition.js";
import type { ConfirmationGate } from "./confirmation/confirmationGate.js";
import type { BindableField, ConversationBinding, Session } from "./session.js";
import type { ToolDatabase } from "./toolDatabase.js";
import { parseInput } from "./validationError.js";

/** What every handler receives. Identity and role come from the session, NEVER from the model. */
export interface ToolContext {
  readonly db: ToolDatabase;
  readonly session: Session;
  /** The business date ("today"), injected: handlers never read the clock. */
  readonly today: () => IsoDate;
  /** Monetary tools propose through it; nothing else can execute a monetary action. */
  readonly gate: ConfirmationGate;
  /** Set when the conversation is bound to a client / project (those fields are then injected). */
  readonly binding: ConversationBinding;
}

/** MCP tool annotations, stated deliberately on every tool (they are hints, not a safety mechanism). */
export type ToolAnnotations =
  | { readonly readOnlyHint: true; readonly openWorldHint: boolean }
  | { readonly readOnlyHint: false; readonly destructiveHint: boolean; readonly idempotentHint: boolean; readonly openWorldHint: boolean };

/** A handler's two faces: `structured` matches the output schema (amounts as decimal strings), `text` is short French. */
export interface ToolResult<O> {
  readonly structured: O;
  readonly text: string;
}

type ToolShape<I extends z.ZodObject, O extends z.ZodObject> = {
  /** snake_case verb, e.g. `issue_invoice`. */
  readonly name: string;
  /** French, for people. */
  readonly title: string;
  /** Tells a model WHEN to use the tool (and when not to). */
  readonly description: string;
  readonly inputSchema: I;
  readonly outputSchema: O;
  readonly annotations: ToolAnnotations;
  /** Input fields filled from the conversation binding (omitted from the schema the model sees). */
  readonly bindable?: readonly (BindableField & keyof z.infer<I>)[];
  handler(args: z.output<I>, ctx: ToolContext): Promise<ToolResult<z.input<O>>>;
};

/** A monetary tool only proposes: it carries the action it proposes (its executor). */
export type ToolDefinition<I extends z.ZodObject, O extends z.ZodObject> = ToolShape<I, O> &
  ({ readonly monetary: false } | { readonly monetary: true; readonly action: Action<unknown> });

/** The form the registry holds (args typed as `unknown`: they are parsed with the tool's own schema first). */
export interface Tool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema: z.ZodObject;
  readonly annotations: ToolAnnotations;
  readonly monetary: boolean;
  readonly action: Action<unknown> | undefined;
  readonly bindable: readonly BindableField[];
  /** Validates `args` with `inputSchema` (French InputError naming the field), then runs the handler. */
  run(args: unknown, ctx: ToolContext): Promise<ToolResult<unknown>>;
}

/**
 * Declares a tool: one file, one `export const xxxTool = defineTool({...})`, listed in `tools/index.ts`.
 * Types of `args` and of the structured result come from the schemas.
 */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(definition: ToolDefinition<I, O>): Tool {
  return {
    name: definition.name,
    title: definition.title,
    description: definition.description,
    inputSchema: definition.inputSchema,
    outputSchema: definition.outputSchema,
    annotations: definition.annotations,
    monetary: definition.monetary,
    action: definition.monetary ? definition.action : undefined,
    bindable: definition.bindable ?? [],
    run: (args, ctx) => definition.handler(parseInput(definition.inputSchema, args), ctx),
  };
}
