import { z } from "zod";

/** Every action that moves money or speaks for the company, and therefore waits for a human. */
export const ActionKindSchema = z.enum([
  "issue_invoice",
  "issue_credit_note",
  "record_payment",
  "send_reminder",
]);
export type ActionKind = z.infer<typeof ActionKindSchema>;
