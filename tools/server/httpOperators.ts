import { z } from "zod";
import { InputError } from "../../engine/errors.js";
import { RoleSchema, type Session } from "../session.js";

/** One person allowed on `facturation serve`: the bearer token they send and who they are. */
export interface HttpOperator {
  /** Never logged. */
  readonly token: string;
  readonly session: Session;
}

const MIN_TOKEN_LENGTH = 16;

const EntrySchema = z.object({
  userId: z.string().trim().min(1, "utilisateur manquant (utilisateur:rôle:jeton)"),
  role: RoleSchema,
  token: z.string().min(MIN_TOKEN_LENGTH, `jeton de moins de ${MIN_TOKEN_LENGTH} caractères`),
});

/**
 * The operators of the HTTP server, from the environment (secrets never come from elsewhere):
 * - `FACTURATION_MCP_TOKENS`: one operator per entry `utilisateur:rôle:jeton`, entries separated by
 *   commas or line breaks — each person confirms under their own name and role;
 * - `FACTURATION_MCP_TOKEN`: a single operator, `operatorOf` (FACTURATION_USER / FACTURATION_ROLE), read
 *   only then.
 * Refuses (InputError naming the variable and entry, never the token) a malformed entry, a short
 * token, a token or a user given twice, or no operator at all.
 */
export function httpOperatorsFromEnv(env: Readonly<Record<string, string | undefined>>, operatorOf: (channel: Session["channel"]) => Session): HttpOperator[] {
  const operators: HttpOperator[] = [];
  const list = env.FACTURATION_MCP_TOKENS?.trim() ?? "";
  if (list !== "") {
    list
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
      .forEach((entry, i) => {
        const field = `FACTURATION_MCP_TOKENS[${i}]`;
        const parts = entry.split(":");
        if (parts.length !== 3) throw new InputError("attendu utilisateur:rôle:jeton", { field });
        const [userId, role, token] = parts;
        const parsed = EntrySchema.safeParse({ userId, role, token });
        if (!parsed.success) throw new InputError(parsed.error.issues[0]?.message ?? "entrée invalide", { field });
        const { data } = parsed;
        if (operators.some((o) => o.token === data.token)) throw new InputError("jeton déjà attribué à un autre utilisateur", { field });
        if (operators.some((o) => o.session.userId === data.userId)) throw new InputError(`utilisateur « ${data.userId} » déjà déclaré`, { field });
        operators.push({ token: data.token, session: { userId: data.userId, role: data.role, channel: "mcp_http" } });
      });
  }
  const single = env.FACTURATION_MCP_TOKEN ?? "";
  if (single !== "") {
    if (single.length < MIN_TOKEN_LENGTH) {
      throw new InputError(`définissez un jeton d'au moins ${MIN_TOKEN_LENGTH} caractères (par exemple : openssl rand -hex 32)`, { field: "FACTURATION_MCP_TOKEN" });
    }
    if (operators.some((o) => o.token === single)) throw new InputError("jeton déjà attribué dans FACTURATION_MCP_TOKENS", { field: "FACTURATION_MCP_TOKEN" });
    // The operator (FACTURATION_USER / FACTURATION_ROLE) is read only when their token is set.
    const operator = operatorOf("mcp_http");
    if (operators.some((o) => o.session.userId === operator.userId)) {
      throw new InputError(`utilisateur « ${operator.userId} » déjà déclaré dans FACTURATION_MCP_TOKENS`, { field: "FACTURATION_MCP_TOKEN" });
    }
    operators.push({ token: single, session: operator });
  }
  if (operators.length === 0) {
    throw new InputError(
      `définissez un jeton d'au moins ${MIN_TOKEN_LENGTH} caractères (par exemple : openssl rand -hex 32), ou FACTURATION_MCP_TOKENS=utilisateur:rôle:jeton,… pour une équipe`,
      { field: "FACTURATION_MCP_TOKEN" },
    );
  }
  return operators;
}
