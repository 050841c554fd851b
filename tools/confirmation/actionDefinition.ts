import { z } from "zod";
import type { IsoDate } from "../../engine/dates/plainDate.js";
import { SystemError } from "../../engine/errors.js";
import type { Session } from "../session.js";
import type { ToolDatabase } from "../toolDatabase.js";
import type { ActionKind } from "./actionKind.js";
import type { ActionPreview } from "./actionPreview.js";

/** What an executor gets: the transaction, the date, who confirmed, and the idempotency key. */
export interface ActionExecutionContext {
  readonly db: ToolDatabase;
  readonly today: IsoDate;
  /** The pending action's id: the idempotency key of this execution. */
  readonly actionId: string;
  readonly requestedBy: string;
  readonly confirmedBy: Session;
}

/** What an execution produced: a short French sentence and JSON facts (e.g. the invoice number). */
export const ActionOutcomeSchema = z.object({
  text: z.string(),
  result: z.record(z.string(), z.json()),
});
export type ActionOutcome = z.infer<typeof ActionOutcomeSchema>;

/**
 * One kind of monetary action, written next to the tool that proposes it:
 * - `payloadSchema`: the exact payload stored and digested (JSON only, amounts as strings, no transforms);
 * - `preview`: the French preview a human approves, computed from the stored payload;
 * - `execute`: does it, inside the claiming transaction (re-check the state it depends on!).
 */
export interface ActionDefinition<S extends z.ZodType> {
  readonly kind: ActionKind;
  readonly payloadSchema: S;
  preview(payload: z.output<S>): ActionPreview;
  execute(payload: z.output<S>, ctx: ActionExecutionContext): Promise<ActionOutcome>;
}

/**
 * The form the executor registry holds; stored payloads are re-parsed with the action's schema.
 * `P` only types what a tool hands to `ctx.gate.propose(action, payload)`.
 */
export interface Action<P = unknown> {
  readonly kind: ActionKind;
  parsePayload(payload: unknown): P;
  previewOf(payload: unknown): ActionPreview;
  execute(payload: unknown, ctx: ActionExecutionContext): Promise<ActionOutcome>;
}

export function defineAction<S extends z.ZodType>(definition: ActionDefinition<S>): Action<z.output<S>> {
  const parse = (payload: unknown): z.output<S> => {
    const parsed = definition.payloadSchema.safeParse(payload);
    if (!parsed.success) {
      throw new SystemError(`le contenu enregistré de l'action ${definition.kind} est illisible`, { code: "pending_payload_invalid", cause: parsed.error });
    }
    return parsed.data;
  };
  return {
    kind: definition.kind,
    parsePayload: parse,
    previewOf: (payload) => definition.preview(parse(payload)),
    execute: async (payload, ctx) => ActionOutcomeSchema.parse(await definition.execute(parse(payload), ctx)),
  };
}
