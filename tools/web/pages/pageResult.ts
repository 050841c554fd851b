import type { ConfirmationDeps } from "../../confirmation/confirmationDeps.js";
import type { PendingActionDesk } from "../../confirmation/pendingActionDesk.js";
import type { Session } from "../../session.js";
import type { ToolDatabase } from "../../toolDatabase.js";
import type { WebTools } from "../webTools.js";

/** What a page handler receives: the tools and desk, in the name of the signed-in person. */
export interface PageContext {
  readonly db: ToolDatabase;
  readonly tools: WebTools;
  readonly desk: PendingActionDesk;
  readonly confirmation: ConfirmationDeps;
  readonly person: Session;
  readonly url: URL;
}

/** A page to render (template + context), a redirection, or a file (the invoice PDF). */
export type PageResult =
  | { readonly kind: "page"; readonly page: string; readonly title: string; readonly nav?: string; readonly status?: number; readonly context: object }
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "file"; readonly body: Uint8Array; readonly headers: Record<string, string> };
