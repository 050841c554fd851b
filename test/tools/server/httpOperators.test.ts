import { describe, expect, it } from "vitest";
import { InputError } from "../../../engine/errors.js";
import { httpOperatorsFromEnv } from "../../../tools/server/httpOperators.js";
import type { Session } from "../../../tools/session.js";

const OPERATOR: Session = { userId: "marie", role: "project_manager", channel: "mcp_http" };
const ALICE = "alice-0123456789abcdef";
const BOB = "bob-0123456789abcdef00";

function refusal(env: Record<string, string>): InputError {
  try {
    httpOperatorsFromEnv(env, () => OPERATOR);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("httpOperatorsFromEnv", () => {
  it("gives each entry of FACTURATION_MCP_TOKENS its own user and role, and FACTURATION_MCP_TOKEN the operator", () => {
    const operators = httpOperatorsFromEnv(
      { FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},\n bob:project_manager:${BOB}`, FACTURATION_MCP_TOKEN: "operateur-0123456789abcdef" },
      () => OPERATOR,
    );
    expect(operators).toEqual([
      { token: ALICE, session: { userId: "alice", role: "finance", channel: "mcp_http" } },
      { token: BOB, session: { userId: "bob", role: "project_manager", channel: "mcp_http" } },
      { token: "operateur-0123456789abcdef", session: OPERATOR },
    ]);
    expect(httpOperatorsFromEnv({ FACTURATION_MCP_TOKEN: ALICE }, () => OPERATOR)).toEqual([{ token: ALICE, session: OPERATOR }]);
  });

  it("reads the operator only when FACTURATION_MCP_TOKEN is set (a bad FACTURATION_ROLE does not stop a team server)", () => {
    const broken = () => {
      throw new InputError("rôle inconnu (project_manager, finance ou admin)", { field: "FACTURATION_ROLE" });
    };
    expect(httpOperatorsFromEnv({ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE}` }, broken).map((o) => o.session.userId)).toEqual(["alice"]);
    expect(() => httpOperatorsFromEnv({ FACTURATION_MCP_TOKEN: ALICE }, broken)).toThrow("rôle inconnu");
  });

  it("refuses a bad entry in French, naming the variable and the entry but never the token", () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},bob:${BOB}` }, "FACTURATION_MCP_TOKENS[1]", "attendu utilisateur:rôle:jeton"],
      [{ FACTURATION_MCP_TOKENS: `alice:comptable:${ALICE}` }, "FACTURATION_MCP_TOKENS[0]", "rôle inconnu"],
      [{ FACTURATION_MCP_TOKENS: "alice:finance:court" }, "FACTURATION_MCP_TOKENS[0]", "jeton de moins de 16 caractères"],
      [{ FACTURATION_MCP_TOKENS: `:finance:${ALICE}` }, "FACTURATION_MCP_TOKENS[0]", "utilisateur manquant"],
      [{ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},bob:finance:${ALICE}` }, "FACTURATION_MCP_TOKENS[1]", "jeton déjà attribué"],
      [{ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE},alice:admin:${BOB}` }, "FACTURATION_MCP_TOKENS[1]", "utilisateur « alice » déjà déclaré"],
      [{ FACTURATION_MCP_TOKENS: `alice:finance:${ALICE}`, FACTURATION_MCP_TOKEN: ALICE }, "FACTURATION_MCP_TOKEN", "jeton déjà attribué"],
      [{ FACTURATION_MCP_TOKEN: "court" }, "FACTURATION_MCP_TOKEN", "au moins 16 caractères"],
      [{ FACTURATION_MCP_TOKENS: `marie:finance:${ALICE}`, FACTURATION_MCP_TOKEN: BOB }, "FACTURATION_MCP_TOKEN", "utilisateur « marie » déjà déclaré"],
      [{}, "FACTURATION_MCP_TOKEN", "FACTURATION_MCP_TOKENS=utilisateur:rôle:jeton"],
    ];
    for (const [env, field, message] of cases) {
      const error = refusal(env);
      expect(error.field, JSON.stringify(env)).toBe(field);
      expect(error.message).toContain(message);
      expect(error.message).not.toContain(ALICE);
    }
  });
});
