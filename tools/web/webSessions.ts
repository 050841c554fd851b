import { randomBytes, timingSafeEqual } from "node:crypto";
import type { ActionOutcome } from "../confirmation/actionDefinition.js";
import type { Session } from "../session.js";

/** A signed-in person in the web workspace: who (from their token), the form token, the codes shown for confirmations. */
export interface WebSession {
  readonly id: string;
  /** Their user and role, channel "web": what every tool call and confirmation acts as. */
  readonly person: Session;
  /** Carried by every form of this session (CSRF). */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
  /** The code shown on each pending action's page, to be retyped to confirm it (as the terminal asks). */
  readonly confirmationCodes: Map<string, string>;
  /** What each action confirmed here produced, shown once on the page that follows. */
  readonly outcomes: Map<string, ActionOutcome>;
}

export interface WebSessionStore {
  create(person: Session): WebSession;
  /** The live session of this id (idle or too old: gone). */
  get(id: string | undefined): WebSession | undefined;
  destroy(id: string): void;
}

/** 32 random bytes, URL-safe: session ids, form tokens. */
export const randomToken = (): string => randomBytes(32).toString("base64url");

/** Constant-time equality of two secrets (form tokens, codes). */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface WebSessionLimits {
  /** Signed out after this long without a request. */
  readonly idleMinutes: number;
  /** Signed out after this long whatever happens. */
  readonly maxHours: number;
}
export const DEFAULT_WEB_SESSION_LIMITS: WebSessionLimits = { idleMinutes: 30, maxHours: 8 };

/** Sessions in the server's memory (a restart signs everyone out); ids are 256-bit random values. */
export function createWebSessionStore(now: () => number = Date.now, limits: WebSessionLimits = DEFAULT_WEB_SESSION_LIMITS): WebSessionStore {
  const sessions = new Map<string, WebSession>();
  const alive = (s: WebSession, at: number) => at - s.lastSeenAt <= limits.idleMinutes * 60_000 && at - s.createdAt <= limits.maxHours * 3_600_000;
  return {
    create(person) {
      const at = now();
      for (const [id, s] of sessions) if (!alive(s, at)) sessions.delete(id);
      const session: WebSession = { id: randomToken(), person: { ...person, channel: "web" }, csrfToken: randomToken(), createdAt: at, lastSeenAt: at, confirmationCodes: new Map(), outcomes: new Map() };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (id === undefined) return undefined;
      const session = sessions.get(id);
      if (!session) return undefined;
      const at = now();
      if (!alive(session, at)) {
        sessions.delete(id);
        return undefined;
      }
      session.lastSeenAt = at;
      return session;
    },
    destroy(id) {
      sessions.delete(id);
    },
  };
}
