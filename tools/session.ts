import { z } from "zod";
import { InputError } from "../engine/errors.js";

/**
 * Who is acting, as established by the transport or the terminal — NEVER by a model.
 * A role decides what a user may confirm (above the finance threshold, only `finance` or `admin`).
 */
export const RoleSchema = z.enum(["project_manager", "finance", "admin"], {
  error: "rôle inconnu (project_manager, finance ou admin)",
});
export type Role = z.infer<typeof RoleSchema>;

/** The channel a request came through; recorded in the audit log. */
export const ChannelSchema = z.enum(["mcp_stdio", "mcp_http", "mcp_memory", "chat", "cli", "web"]);
export type Channel = z.infer<typeof ChannelSchema>;

export const SessionSchema = z.object({
  userId: z.string().min(1, "ne peut pas être vide"),
  role: RoleSchema,
  channel: ChannelSchema,
});
export type Session = z.infer<typeof SessionSchema>;

/** A conversation bound to a client and/or a project: tools omit those fields and receive them server-side. */
export const ConversationBindingSchema = z.object({
  clientId: z.number().int().positive().optional(),
  projectId: z.number().int().positive().optional(),
});
export type ConversationBinding = z.infer<typeof ConversationBindingSchema>;
export type BindableField = keyof ConversationBinding;

/**
 * The operator of a local server (stdio, HTTP, terminal): FACTURATION_USER (default: the OS
 * account) and FACTURATION_ROLE (default project_manager). Set by whoever starts the process,
 * never by a model.
 */
export function sessionFromEnv(channel: Channel, env: Readonly<Record<string, string | undefined>> = process.env, osUser = "utilisateur"): Session {
  const role = RoleSchema.safeParse(env.FACTURATION_ROLE ?? "project_manager");
  if (!role.success) throw new InputError("rôle inconnu (project_manager, finance ou admin)", { field: "FACTURATION_ROLE" });
  return { userId: env.FACTURATION_USER?.trim() || osUser, role: role.data, channel };
}
