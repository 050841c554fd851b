/**
 * The web workspace in a real browser (headless Chromium): a person signs in to `facturation serve`
 * on the demo company, reads the dashboard — every figure equal to the tools' answers for the same
 * day over MCP —, opens an invoice and its Factur-X PDF, confirms an action proposed over MCP and
 * sees the invoice numbered, refuses another and sees nothing changed; a forged post is refused.
 * Screenshots: .data/test-output/web/.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import { AGING_BUCKETS } from "../../../engine/receivables/agingReport.js";
import { ProposalResultSchema } from "../../../tools/confirmation/proposalResult.js";
import { GetBillingKpisOutputSchema } from "../../../tools/payments/getBillingKpis.js";
import { GetDunningStatusOutputSchema } from "../../../tools/payments/getDunningStatus.js";
import { GetInvoiceOutputSchema } from "../../../tools/payments/getInvoice.js";
import { GetPaymentAlertsOutputSchema } from "../../../tools/payments/getPaymentAlerts.js";
import { GetReceivablesForecastOutputSchema } from "../../../tools/payments/getReceivablesForecast.js";
import { GetReceivablesSummaryOutputSchema } from "../../../tools/payments/getReceivablesSummary.js";
import { GetReceivablesTrendOutputSchema } from "../../../tools/payments/getReceivablesTrend.js";
import { ListInvoicesOutputSchema } from "../../../tools/payments/listInvoices.js";
import { DEMO_TODAY } from "../../db/demo/demoDay.js";
import { runCli } from "../cliProcess.js";
import { launchChromium, SCREENSHOTS, type Browser } from "./chromium.js";
import { FINANCE_TOKEN, MANAGER_TOKEN, startServedWorkspace, type ServedWorkspace } from "./servedWorkspace.js";

const euros = (s: string) => formatEuros(toDecimal(s));
const comma = (s: string) => s.replace(".", ",");
/** Signs the browser in with `token` when it has no session (each test can run alone). */
async function ensureSignedIn(browser: Browser, page: Page, origin: string, token: string): Promise<void> {
  if ((await browser.context.cookies()).some((c) => c.name === "facturation_session")) return;
  await page.goto(`${origin}/connexion`);
  await page.getByLabel("Jeton personnel").fill(token);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${origin}/tableau-de-bord`, { timeout: 120_000 });
}

const cells = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((t) => t.trim());

describe("the web workspace in headless Chromium (demo company, suite's demo day)", { timeout: 600_000 }, () => {
  let served: ServedWorkspace;
  let browser: Browser;
  let page: Page;
  let farid: Client;
  let claire: Client;

  beforeAll(async () => {
    served = await startServedWorkspace({ seed: "demo", drafts: 3 });
    farid = await served.mcp(FINANCE_TOKEN);
    claire = await served.mcp(MANAGER_TOKEN);
    browser = await launchChromium();
    page = await browser.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it("sends a person to sign in, and signs them in with their token into an HttpOnly, SameSite=Strict session", async () => {
    await page.goto(`${served.origin}/tableau-de-bord`);
    expect(page.url()).toBe(`${served.origin}/connexion?suite=%2Ftableau-de-bord`);
    await page.getByLabel("Jeton personnel").fill("mauvais-jeton-0123456789");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.locator("[role=alert]").textContent()).toContain("Jeton inconnu");
    await page.getByLabel("Jeton personnel").fill(FINANCE_TOKEN);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${served.origin}/tableau-de-bord`, { timeout: 120_000 });
    const session = (await browser.context.cookies()).find((c) => c.name === "facturation_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(await page.locator("header .who").textContent()).toBe("farid (finance)");
    expect(served.stderr()).not.toContain(FINANCE_TOKEN);
    await browser.screenshot(page, "01-tableau-de-bord");
  });

  it("shows on the dashboard the KPIs get_receivables_summary gives for the day, with their targets and states", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/tableau-de-bord`);
    const summary = await served.call(farid, "get_receivables_summary", { asOf: DEMO_TODAY }, GetReceivablesSummaryOutputSchema);
    expect(await page.locator("h1").textContent()).toBe(`Tableau de bord au 25/11/2026`);
    for (const k of summary.kpis) {
      const shown = (await page.locator(`[data-kpi="${k.code}"] [data-value]`).textContent())?.trim();
      const expected = k.value === null ? "non calculable" : k.unit === "days" ? `${comma(k.value)} j` : k.unit === "percent" ? `${comma(k.value)} %` : k.unit === "eur" ? euros(k.value) : k.value;
      expect(shown, k.code).toBe(expected);
      const state = (await page.locator(`[data-kpi="${k.code}"] .badge`).textContent())?.trim();
      expect(state, k.code).toBe(k.alert ? "alerte" : k.onTarget ? "objectif atteint" : "hors objectif");
    }
    const overall = await cells(page, '[data-table="aging"] tr[data-row="overall"] td[data-bucket]');
    expect(overall).toEqual([...AGING_BUCKETS.map((b) => euros(summary.aging.overall.buckets[b].amount)), euros(summary.aging.overall.total.amount)]);
    // The charts are server-side SVG with a text alternative.
    expect(await page.locator("figure.chart svg[role=img]").count()).toBe(3);
  });

  it("shows the forecast, the trend, the follow-up KPIs, the alerts and the reminders exactly as their tools answer", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/tableau-de-bord?date=${DEMO_TODAY}`);
    const [forecast, trend, kpis, alerts, dunning] = await Promise.all([
      served.call(farid, "get_receivables_forecast", { asOf: DEMO_TODAY }, GetReceivablesForecastOutputSchema),
      served.call(farid, "get_receivables_trend", { asOf: DEMO_TODAY }, GetReceivablesTrendOutputSchema),
      served.call(farid, "get_billing_kpis", { asOf: DEMO_TODAY }, GetBillingKpisOutputSchema),
      served.call(farid, "get_payment_alerts", { asOf: DEMO_TODAY }, GetPaymentAlertsOutputSchema),
      served.call(farid, "get_dunning_status", { asOf: DEMO_TODAY, dueOnly: true }, GetDunningStatusOutputSchema),
    ]);
    expect(await cells(page, '[data-table="forecast"] tbody td:nth-child(2)')).toEqual(forecast.weeks.map((w) => euros(w.amount)));
    expect(await page.locator(".method").first().textContent()).toContain(forecast.method);
    expect(await cells(page, '[data-table="trend"] tbody td:nth-child(3)')).toEqual(trend.points.map((p) => (p.dsoDays === null ? "—" : `${comma(p.dsoDays)} j`)));
    expect(await cells(page, '[data-table="trend"] tbody td:nth-child(5)')).toEqual(trend.points.map((p) => euros(p.collected)));
    for (const b of kpis.overdueBeyond) expect((await page.locator(`[data-beyond="${b.days}"] dd`).textContent())?.trim()).toBe(`${euros(b.amount)} (${b.count} facture(s))`);
    expect((await page.locator('[data-kpi="reminder_origin"] [data-value]').textContent())?.trim()).toBe(kpis.reminders.automaticPercent === null ? "aucune relance" : `${comma(kpis.reminders.automaticPercent)} % automatiques`);
    expect(await page.locator("ul.alerts li[data-alert]").count()).toBe(alerts.alerts.length);
    expect(await cells(page, '[data-table="reminders"] tbody th')).toEqual(dunning.invoices.map((i) => i.number));
  });

  it("gives the same figures as of another day chosen on the page", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/tableau-de-bord`);
    await page.getByLabel("Date d'observation").fill("2026-10-31");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/date=2026-10-31/, { timeout: 120_000 });
    const summary = await served.call(farid, "get_receivables_summary", { asOf: "2026-10-31" }, GetReceivablesSummaryOutputSchema);
    const dso = summary.kpis.find((k) => k.code === "dso")!;
    expect((await page.locator('[data-kpi="dso"] [data-value]').textContent())?.trim()).toBe(dso.value === null ? "non calculable" : `${comma(dso.value)} j`);
    expect(await page.locator("h1").textContent()).toBe("Tableau de bord au 31/10/2026");
  });

  it("prints the dashboard without the navigation, aging table by client included", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/tableau-de-bord/imprimer?date=${DEMO_TODAY}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav[aria-label='Navigation principale']").isVisible()).toBe(false);
    expect(await page.locator('[data-table="aging"] tbody tr').count()).toBeGreaterThan(3);
    await browser.screenshot(page, "02-tableau-de-bord-imprimable");
    await page.pdf({ path: join(SCREENSHOTS, "tableau-de-bord.pdf"), format: "A4", printBackground: true });
    await page.emulateMedia({ media: "screen" });
  });

  it("lists the overdue invoices as list_invoices does, and opens one with its lines, audit trail and Factur-X PDF", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/factures`);
    await page.getByLabel("Statut").selectOption("en_retard");
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/statut=en_retard/);
    const overdue = await served.call(farid, "list_invoices", { status: ["overdue"] }, ListInvoicesOutputSchema);
    expect(await cells(page, '[data-table="invoices"] tbody th')).toEqual(overdue.invoices.map((i) => i.number ?? ""));
    await browser.screenshot(page, "03-factures-en-retard");

    await page.getByRole("link", { name: "F-2026-0007" }).click();
    await page.waitForURL(/\/factures\/F-2026-0007$/);
    const invoice = await served.call(farid, "get_invoice", { invoice: "F-2026-0007" }, GetInvoiceOutputSchema);
    expect((await page.locator("[data-gross]").textContent())?.trim()).toBe(euros(invoice.totals.gross));
    expect((await page.locator("[data-status]").textContent())?.trim()).toBe(invoice.statusLabel);
    expect(await cells(page, '[data-table="lines"] tbody th')).toEqual(invoice.lines.map((l) => l.label));
    expect(await page.locator('[data-table="audit"] tbody tr').count()).toBeGreaterThan(0);
    await browser.screenshot(page, "04-facture");

    const inline = await page.request.get(`${served.origin}/factures/F-2026-0007/pdf`);
    expect(inline.status()).toBe(200);
    expect(inline.headers()["content-type"]).toBe("application/pdf");
    expect(inline.headers()["content-disposition"]).toBe('inline; filename="F-2026-0007.pdf"');
    expect((await inline.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await page.locator("iframe.pdf").getAttribute("src")).toBe("/factures/F-2026-0007/pdf");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le PDF Factur-X" }).click()]);
    expect(download.suggestedFilename()).toBe("F-2026-0007.pdf");
  });

  it("shows a project's billing plan and timeline", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/projets`);
    await page.locator('[data-table="projects"] tbody a').first().click();
    await page.waitForURL(/\/projets\/\d+$/);
    expect(await page.locator('[data-table="schedule"]').count()).toBeGreaterThan(0);
    expect(await page.locator("ol.timeline li").count()).toBeGreaterThan(0);
    await browser.screenshot(page, "05-projet");
  });

  it("confirms on the page an action proposed over MCP and shows the invoice numbered", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    const proposal = await served.call(claire, "issue_invoice", { invoiceId: served.drafts[0]! }, ProposalResultSchema);
    expect(proposal.status).toBe("pending");
    await page.goto(proposal.confirmUrl!);
    const preview = await page.locator("[data-preview]").textContent();
    // The very screen of `facturation confirm`.
    const pending = JSON.parse((await runCli(["--data-dir", served.dataDir, "pending", "--json"])).stdout) as { id: string }[];
    expect(pending.map((p) => p.id)).toContain(proposal.pendingAction.id);
    expect(preview).toContain(`Action ${proposal.pendingAction.id} (issue_invoice) — en attente de confirmation`);
    expect(preview).toContain(proposal.pendingAction.summary);
    await browser.screenshot(page, "06-action-en-attente");
    const code = (await page.locator("[data-code]").textContent())!.trim();
    await page.getByLabel("Code de confirmation").fill(code);
    await page.getByRole("button", { name: "Confirmer" }).click();
    await page.waitForURL(/issue=confirmee/);
    const issued = await served.call(farid, "get_invoice", { invoice: String(served.drafts[0]) }, GetInvoiceOutputSchema);
    expect(issued.number).toMatch(/^F-2026-\d+$/);
    expect(await page.locator("[data-notice]").textContent()).toContain(`${issued.number} est émise`);
    await page.getByRole("link", { name: `Voir ${issued.number}` }).click();
    await page.waitForURL(new RegExp(`/factures/${issued.number}$`));
    expect((await page.locator("h1").textContent())?.trim()).toContain(issued.number!);
    await browser.screenshot(page, "07-facture-emise");
  });

  it("refuses on the page another one: nothing is issued", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    const draft = served.drafts[1]!;
    const before = await served.call(farid, "get_invoice", { invoice: String(draft) }, GetInvoiceOutputSchema);
    const proposal = await served.call(claire, "issue_invoice", { invoiceId: draft }, ProposalResultSchema);
    await page.goto(`${served.origin}/actions`);
    await page.locator(`[data-action="${proposal.pendingAction.id}"] a`).click();
    await page.getByRole("button", { name: "Refuser" }).click();
    await page.waitForURL(/issue=refusee/);
    expect(await page.locator("[data-status]").getAttribute("data-status")).toBe("declined");
    expect(await served.call(farid, "get_invoice", { invoice: String(draft) }, GetInvoiceOutputSchema)).toEqual(before);
    await browser.screenshot(page, "08-action-refusee");
  });

  it("refuses a forged form post without the form token, from another site or from the page itself", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    const draft = served.drafts[2]!;
    const proposal = await served.call(claire, "issue_invoice", { invoiceId: draft }, ProposalResultSchema);
    const target = `${served.origin}/actions/${proposal.pendingAction.id}/confirmer`;
    // Another site on this machine (same site for cookies: another port of 127.0.0.1) posting to the page.
    const evil: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${target}"><input name="code" value="AAAAAA"><input name="empreinte" value="x"></form></body></html>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", () => resolve()));
    try {
      const response = page.waitForResponse((r) => r.url() === target);
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      expect((await response).status()).toBe(403);
      await page.waitForLoadState();
      expect(await page.locator("[role=alert]").textContent()).toContain("formulaire refusé");
      await browser.screenshot(page, "09-formulaire-force-refuse");
    } finally {
      await new Promise<void>((resolve) => evil.close(() => resolve()));
    }
    await page.goto(`${served.origin}/actions/${proposal.pendingAction.id}`);
    // From the page itself (its policy forbids scripts to fetch): a form without the form token.
    const sameOrigin = page.waitForResponse((r) => r.url() === target);
    await page.evaluate(`(() => {
      const form = document.createElement("form");
      form.method = "post";
      form.action = ${JSON.stringify(target)};
      const code = document.createElement("input");
      code.name = "code";
      code.value = document.querySelector("[data-code]").textContent.trim();
      form.append(code);
      document.body.append(form);
      form.submit();
    })()`);
    expect((await sameOrigin).status()).toBe(403);
    await page.waitForURL(target);
    await page.goto(`${served.origin}/actions/${proposal.pendingAction.id}`);
    expect((await served.call(farid, "get_invoice", { invoice: String(draft) }, GetInvoiceOutputSchema)).status).toBe("draft");
    expect(await page.locator("[data-status]").getAttribute("data-status")).toBe("pending");
  });

  it("signs out: the session no longer opens a page", async () => {
    await ensureSignedIn(browser, page, served.origin, FINANCE_TOKEN);
    await page.goto(`${served.origin}/tableau-de-bord`);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/connexion/);
    await page.goto(`${served.origin}/factures`);
    expect(page.url()).toContain("/connexion?suite=");
  });
});
