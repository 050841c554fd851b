import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { ToolDatabase } from "../toolDatabase.js";

/** What a resource reader gets (read-only access; no session-dependent behaviour). */
export interface ResourceContext {
  readonly db: ToolDatabase;
  readonly today: () => IsoDate;
}

/** A resource's content: text (HTML, JSON…), or bytes (a PDF) that the server sends base64-encoded as a `blob`. */
export type ResourceBody = string | Uint8Array;

/**
 * An MCP resource family addressed by an RFC 6570 template, e.g. `facturation://factures/{numero}`.
 * `read` receives the template variables and returns text or bytes (`mimeType` says which); a
 * missing subject is a NotFoundError (French message).
 */
export interface ResourceDefinition {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly uriTemplate: string;
  readonly mimeType: string;
  list?(ctx: ResourceContext): Promise<readonly { readonly uri: string; readonly name: string; readonly title?: string }[]>;
  read(variables: Readonly<Record<string, string>>, ctx: ResourceContext): Promise<ResourceBody>;
}
