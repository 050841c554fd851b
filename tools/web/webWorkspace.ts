import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { BillingError, InputError, NotFoundError, RuleError } from "../../engine/errors.js";
import type { ConfirmationDeps } from "../confirmation/confirmationDeps.js";
import type { PendingActionDesk } from "../confirmation/pendingActionDesk.js";
import type { HttpOperator } from "../server/httpOperators.js";
import type { Role, Session } from "../session.js";
import type { Tool } from "../toolDefinition.js";
import type { ToolDatabase } from "../toolDatabase.js";
import { preloadCharts } from "./charts/svgChart.js";
import { parseCookies, serializeCookie } from "./cookies.js";
import { readForm } from "./formBody.js";
import { loadPageTemplates, repositoryDir, type PageTemplates } from "./pageTemplates.js";
import { actionPage, actionsPage } from "./pages/pendingActionPages.js";
import { dashboardPage } from "./pages/dashboardPage.js";
import { invoicePage, invoicePdf, invoicesPage, proposeIssue } from "./pages/invoicePages.js";
import { projectPage, projectsPage } from "./pages/projectPages.js";
import type { PageContext, PageResult } from "./pages/pageResult.js";
import { createWebSessionStore, randomToken, sameSecret, type WebSession, type WebSessionStore } from "./webSessions.js";
import { webTools } from "./webTools.js";

export const SESSION_COOKIE = "facturation_session";
/** Before sign-in: the form token of the sign-in form (double submit). */
export const SIGN_IN_COOKIE = "facturation_connexion";

export interface WebWorkspaceOptions {
  readonly db: ToolDatabase;
  /** The gate's dependencies, as the MCP server has them (same store, policy, clock and business day). */
  readonly confirmation: ConfirmationDeps;
  /** The out-of-band desk `facturation confirm` uses: the page confirms and refuses through it. */
  readonly desk: PendingActionDesk;
  readonly tools: readonly Tool[];
  /** The people of `facturation serve` (FACTURATION_MCP_TOKENS): one signs in with their token. */
  readonly operators: readonly HttpOperator[];
  readonly log: (line: string) => void;
  readonly sessions?: WebSessionStore;
  readonly templates?: PageTemplates;
}

export interface WebWorkspace {
  /** Serves one request whose path is not /mcp (the Host header was already checked). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** The path of a pending action's page (for links from MCP clients). */
  readonly actionPath: (actionId: string) => string;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = { project_manager: "chef de projet", finance: "finance", admin: "administration" };

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  // "no-referrer" would make browsers send `Origin: null` on form posts (Fetch spec), defeating the origin check.
  "referrer-policy": "same-origin",
  "cache-control": "no-store",
} as const;

/** The status a billing refusal is answered with. */
function statusOf(error: BillingError): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof InputError) return error.code === "forbidden" ? 403 : 400;
  if (error instanceof RuleError) return error.code === "finance_approval_required" ? 403 : 409;
  return 500;
}

/** A `suite` (where to go after sign-in) must be a path of this site. */
const safeNext = (value: string | null): string => (value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\") ? value : "/tableau-de-bord");

/**
 * A POST must come from a page of this site: the Origin header (sent by browsers on every POST), or
 * else Sec-Fetch-Site, must say so. Requests without either (a script, curl) still need the form token.
 */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (typeof origin === "string") return origin === `http://${req.headers.host ?? ""}`;
  const site = req.headers["sec-fetch-site"];
  return site === undefined || site === "same-origin" || site === "none";
}

/**
 * The web workspace, served by `facturation serve` beside /mcp: French pages rendered on the server
 * (no script), reading through the same tools and repository functions as the MCP tools, confirming
 * through the same desk as `facturation confirm`. Sign-in exchanges a person's token for an HttpOnly,
 * SameSite=Strict session cookie; every form carries the session's token and must come from this origin.
 */
export function createWebWorkspace(options: WebWorkspaceOptions): WebWorkspace {
  const sessions = options.sessions ?? createWebSessionStore();
  const templates = options.templates ?? loadPageTemplates();
  const tools = webTools({ tools: options.tools, db: options.db, confirmation: options.confirmation });
  const css = readFileSync(join(repositoryDir("tools", "web", "assets"), "workspace.css"), "utf8");
  // The charts' library loads in the background: the server is ready before it is.
  void preloadCharts().catch((error: unknown) => options.log(`graphiques indisponibles : ${error instanceof Error ? error.message : String(error)}`));

  const send = (res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
    res.end(body);
  };
  const redirect = (res: ServerResponse, location: string, headers: Record<string, string> = {}) => send(res, 303, "", { location, ...headers });
  const html = (res: ServerResponse, status: number, page: string, context: object) => send(res, status, templates.render(page, context), { "content-type": "text/html; charset=utf-8" });

  const layout = (session: WebSession | undefined, result: { title: string; nav?: string }) => ({
    title: result.title,
    nav: result.nav ?? "",
    person: session ? { userId: session.person.userId, role: ROLE_LABELS[session.person.role] } : undefined,
    csrfToken: session?.csrfToken,
  });

  const render = (res: ServerResponse, session: WebSession, result: PageResult) => {
    if (result.kind === "redirect") return redirect(res, result.location);
    if (result.kind === "file") return send(res, 200, result.body, result.headers);
    return html(res, result.status ?? 200, result.page, { ...layout(session, result), ...result.context });
  };

  const signInPage = (req: IncomingMessage, res: ServerResponse, status: number, next: string, message?: string) => {
    // One form token per browser until it signs in: a second sign-in page (another tab) keeps it.
    const token = parseCookies(req.headers.cookie).get(SIGN_IN_COOKIE) ?? randomToken();
    send(res, status, templates.render("signIn", { ...layout(undefined, { title: "Connexion" }), signInToken: token, next, message }), {
      "content-type": "text/html; charset=utf-8",
      "set-cookie": serializeCookie(SIGN_IN_COOKIE, token, 15 * 60),
    });
  };

  async function signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const cookie = parseCookies(req.headers.cookie).get(SIGN_IN_COOKIE);
    const next = safeNext(form.get("suite"));
    if (!sameOrigin(req) || !cookie || !sameSecret(form.get("jeton_formulaire") ?? "", cookie)) {
      options.log("connexion web refusée : formulaire d'une autre origine ou sans jeton de formulaire (403)");
      return signInPage(req, res, 403, next, "Formulaire expiré ou venu d'un autre site : recommencez.");
    }
    const given = (form.get("jeton") ?? "").trim();
    let operator: HttpOperator | undefined;
    for (const o of options.operators) if (given !== "" && sameSecret(given, o.token) && operator === undefined) operator = o;
    if (!operator) {
      options.log("connexion web refusée : jeton invalide (401)");
      return signInPage(req, res, 401, next, "Jeton inconnu : vérifiez le jeton personnel que vous a remis l'administrateur.");
    }
    const session = sessions.create(operator.session);
    options.log(`connexion web de ${session.person.userId} (${session.person.role})`);
    redirect(res, next, { "set-cookie": serializeCookie(SESSION_COOKIE, session.id, 8 * 3600) });
  }

  /** A form of a signed-in page: same origin and the session's token, or nothing is done. */
  async function checkedForm(req: IncomingMessage, session: WebSession): Promise<URLSearchParams> {
    const form = await readForm(req);
    if (!sameOrigin(req) || !sameSecret(form.get("jeton_formulaire") ?? "", session.csrfToken)) {
      throw new InputError("formulaire refusé : il ne vient pas d'une page de l'espace de travail ou son jeton manque (rien n'a été fait)", { field: "jeton_formulaire", code: "forbidden" });
    }
    return form;
  }

  const confirmationCode = (session: WebSession, actionId: string): string => {
    const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const code = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join("");
    session.confirmationCodes.set(actionId, code);
    return code;
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, session: WebSession): Promise<void> {
    const path = url.pathname;
    const get = req.method === "GET" || req.method === "HEAD";
    const post = req.method === "POST";
    const ctx: PageContext = { db: options.db, tools, desk: options.desk, confirmation: options.confirmation, person: session.person, url };
    let match: RegExpMatchArray | null;
    if (get && (path === "/tableau-de-bord" || path === "/tableau-de-bord/imprimer")) return render(res, session, await dashboardPage(ctx, path.endsWith("/imprimer")));
    if (get && path === "/factures") return render(res, session, await invoicesPage(ctx));
    if (get && (match = path.match(/^\/factures\/([^/]+)\/pdf$/))) return render(res, session, await invoicePdf(ctx, decodeURIComponent(match[1]!)));
    if (get && (match = path.match(/^\/factures\/([^/]+)$/))) return render(res, session, await invoicePage(ctx, decodeURIComponent(match[1]!)));
    if (post && (match = path.match(/^\/factures\/(\d+)\/emettre$/))) {
      await checkedForm(req, session);
      return render(res, session, await proposeIssue(ctx, Number.parseInt(match[1]!, 10)));
    }
    if (get && path === "/projets") return render(res, session, await projectsPage(ctx));
    if (get && (match = path.match(/^\/projets\/(\d+)$/))) return render(res, session, await projectPage(ctx, Number.parseInt(match[1]!, 10)));
    if (get && path === "/actions") return render(res, session, await actionsPage(ctx));
    if (get && (match = path.match(/^\/actions\/([0-9a-f-]{36})$/))) {
      const id = match[1]!;
      const outcome = session.outcomes.get(id);
      session.outcomes.delete(id);
      return render(res, session, await actionPage(ctx, id, (actionId: string) => confirmationCode(session, actionId), outcome));
    }
    if (post && (match = path.match(/^\/actions\/([0-9a-f-]{36})\/(confirmer|refuser)$/))) {
      const form = await checkedForm(req, session);
      const id = match[1]!;
      if (match[2] === "refuser") {
        await options.desk.decline({ actionId: id, by: session.person });
        options.log(`action ${id} refusée par ${session.person.userId} (web)`);
        return redirect(res, `/actions/${id}?issue=refusee`);
      }
      // As at the terminal: the human retypes the code shown on the page, then the desk re-checks everything.
      const expected = session.confirmationCodes.get(id);
      const typed = (form.get("code") ?? "").trim().toUpperCase();
      if (!expected || !sameSecret(typed, expected)) {
        throw new InputError("le code recopié ne correspond pas : rien n'a été fait, l'action reste en attente", { field: "code", code: "confirmation_code_mismatch" });
      }
      session.confirmationCodes.delete(id);
      const outcome = await options.desk.confirm({ actionId: id, digest: form.get("empreinte") ?? "", confirmer: session.person });
      session.outcomes.set(id, outcome);
      options.log(`action ${id} confirmée par ${session.person.userId} (web)`);
      return redirect(res, `/actions/${id}?issue=confirmee`);
    }
    if (post && path === "/deconnexion") {
      await checkedForm(req, session);
      sessions.destroy(session.id);
      return redirect(res, "/connexion", { "set-cookie": serializeCookie(SESSION_COOKIE, "", 0) });
    }
    if (get && path === "/") return redirect(res, "/tableau-de-bord");
    throw new NotFoundError("page introuvable", { field: "chemin" });
  }

  return {
    actionPath: (id) => `/actions/${id}`,
    async handle(req, res, url) {
      const path = url.pathname;
      let session: WebSession | undefined;
      try {
        if (req.method === "GET" && path === "/assets/workspace.css") {
          return send(res, 200, css, { "content-type": "text/css; charset=utf-8", "cache-control": "max-age=300" });
        }
        if (path === "/favicon.ico") return send(res, 404, "");
        if (path === "/connexion") {
          if (req.method === "POST") return await signIn(req, res);
          return signInPage(req, res, 200, safeNext(url.searchParams.get("suite")));
        }
        session = sessions.get(parseCookies(req.headers.cookie).get(SESSION_COOKIE));
        if (!session) {
          if (req.method === "GET") return redirect(res, `/connexion?suite=${encodeURIComponent(path + url.search)}`);
          options.log("requête web refusée : non connecté (401)");
          return signInPage(req, res, 401, "/tableau-de-bord", "Session expirée : reconnectez-vous (rien n'a été fait).");
        }
        await route(req, res, url, session);
      } catch (error) {
        if (res.headersSent) return void res.end();
        if (error instanceof BillingError) {
          const status = statusOf(error);
          if (status === 403) options.log(`requête web refusée (403) : ${error.message}`);
          return html(res, status, "error", { ...layout(session, { title: "Refusé" }), status, message: error.message, field: error.field });
        }
        const reference = randomUUID().slice(0, 8);
        options.log(`erreur web ${reference} : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return html(res, 500, "error", { ...layout(session, { title: "Erreur interne" }), status: 500, message: `Erreur interne (référence ${reference}) : rien n'a été modifié.` });
      }
    },
  };
}

export type { Session };
