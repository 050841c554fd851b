import type { IsoDate } from "../engine/dates/plainDate.js";
import type { Database } from "../db/database.js";
import type { ConfirmationDeps } from "../tools/confirmation/confirmationDeps.js";
import { confirmationPolicyFromSettings } from "../tools/confirmation/confirmationPolicy.js";
import { dbConfirmationStore } from "../tools/confirmation/dbConfirmationStore.js";
import { localDesk } from "../tools/confirmation/pendingActionDesk.js";
import { ACTIONS, TOOLS } from "../tools/index.js";
import { ListReadyToInvoiceOutputSchema } from "../tools/preparation/listReadyToInvoice.js";
import { createMcpServer } from "../tools/server/createMcpServer.js";
import { startHttpServer } from "../tools/server/httpServer.js";
import { createWebWorkspace } from "../tools/web/webWorkspace.js";
import { webTools } from "../tools/web/webTools.js";

const TOKEN = "jeton-du-banc-0123456789abcdef";
const PERSON = { userId: "banc", role: "finance" as const, channel: "web" as const };

export interface DashboardTimes {
  /** GET /tableau-de-bord?date=… answered in full (HTML with its three SVG charts), best of the runs. */
  readonly page: number;
  /** Of which list_ready_to_invoice alone (every active project replayed). */
  readonly readyToInvoice: number;
  readonly bytes: number;
}

/**
 * (d) The web dashboard as a signed-in person gets it: the real workspace behind the real HTTP server
 * (in this process), signed in with a token, one GET of the dashboard as of `today`. The response is
 * checked to hold the four KPI cards. Also times list_ready_to_invoice alone, the part that replays
 * every active project's schedule.
 */
export async function dashboardByWorkspace(db: Database, today: IsoDate, runs = 3): Promise<DashboardTimes> {
  const deps: ConfirmationDeps = {
    store: dbConfirmationStore(db),
    actions: ACTIONS,
    policy: confirmationPolicyFromSettings(db, {}),
    now: () => new Date(`${today}T12:00:00Z`),
    today: () => today,
  };
  const operators = [{ token: TOKEN, session: { ...PERSON, channel: "mcp_http" as const } }];
  const web = createWebWorkspace({ db, confirmation: deps, desk: localDesk(deps), tools: TOOLS, operators, log: () => {} });
  const http = await startHttpServer({
    createServer: (session) => createMcpServer({ tools: TOOLS, allow: [], db, session, confirmation: deps }),
    operators,
    host: "127.0.0.1",
    port: 0,
    log: () => {},
    web,
  });
  try {
    const cookies = new Map<string, string>();
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair = ""] = line.split(";");
        cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
      }
    };
    const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const signIn = await fetch(`${http.origin}/connexion`);
    keep(signIn);
    const formToken = (await signIn.text()).match(/name="jeton_formulaire" value="([^"]*)"/)?.[1] ?? "";
    const posted = await fetch(`${http.origin}/connexion`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookie(), origin: http.origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ jeton_formulaire: formToken, jeton: TOKEN, suite: "/tableau-de-bord" }).toString(),
    });
    keep(posted);
    if (posted.status !== 303) throw new Error(`connexion refusée (${posted.status})`);
    let page = Number.POSITIVE_INFINITY;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const res = await fetch(`${http.origin}/tableau-de-bord?date=${today}`, { headers: { cookie: cookie() } });
      const body = await res.text();
      page = Math.min(page, performance.now() - t);
      if (res.status !== 200 || (body.match(/data-kpi="(dso|recovery_rate|overdue_count|unpaid_amount)"/g) ?? []).length !== 4) throw new Error(`tableau de bord incomplet (${res.status})`);
      bytes = body.length;
    }
    const tools = webTools({ tools: TOOLS, db, confirmation: deps });
    let readyToInvoice = Number.POSITIVE_INFINITY;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await tools.call("list_ready_to_invoice", {}, PERSON, ListReadyToInvoiceOutputSchema, { today });
      readyToInvoice = Math.min(readyToInvoice, performance.now() - t);
    }
    return { page, readyToInvoice, bytes };
  } finally {
    await http.close();
  }
}
