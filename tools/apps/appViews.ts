import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { RESOURCE_MIME_TYPE, RESOURCE_URI_META_KEY } from "@modelcontextprotocol/ext-apps/server";
import { SystemError } from "../../engine/errors.js";
import type { ResourceDefinition } from "../resources/resourceDefinition.js";
import { agingChartSvg } from "../web/charts/agingChart.js";
import { repositoryDir } from "../web/pageTemplates.js";
import { ActionKindSchema } from "../confirmation/actionKind.js";

/**
 * MCP Apps views (`ui://` resources, @modelcontextprotocol/ext-apps): the invoice preview, the
 * pending-action card and the aging chart, shown inline by clients that render MCP Apps; other
 * clients keep the text. A view only displays the tool's structured answer: the pending-action card
 * never confirms — it opens the workspace's confirmation page (the server-side gate) or shows the
 * terminal command.
 */
export interface AppView {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly script: string;
  /** The tools whose answers the view shows. */
  readonly tools: readonly string[];
}

export const APP_VIEWS: readonly AppView[] = [
  { uri: "ui://facturation/apercu-facture.html", name: "vue-apercu-facture", title: "Aperçu de facture", script: "invoiceView.js", tools: ["get_invoice"] },
  { uri: "ui://facturation/action-en-attente.html", name: "vue-action-en-attente", title: "Action en attente", script: "pendingActionView.js", tools: ActionKindSchema.options },
  { uri: "ui://facturation/balance-agee.html", name: "vue-balance-agee", title: "Balance âgée", script: "agingView.js", tools: ["get_receivables_summary"] },
];

/** The `_meta` of a tool's listing that names its view (both the current and the legacy key). */
export function appViewMetaOf(toolName: string): Record<string, unknown> {
  const view = APP_VIEWS.find((v) => v.tools.includes(toolName));
  return view ? { ui: { resourceUri: view.uri }, [RESOURCE_URI_META_KEY]: view.uri } : {};
}

/** What a view needs beside the structured answer: the aging chart, rendered by the dashboard's own renderer. */
export async function appViewResultMeta(toolName: string, structured: unknown): Promise<Record<string, unknown> | undefined> {
  if (toolName !== "get_receivables_summary") return undefined;
  const aging = (structured as { aging?: { overall?: { buckets?: Parameters<typeof agingChartSvg>[0] } } }).aging?.overall?.buckets;
  return aging ? { "facturation/agingChartSvg": await agingChartSvg(aging, { width: 560, height: 260 }) } : undefined;
}

/**
 * The ext-apps client bundle as a global (`globalThis.McpApps`): its ES module `export {…}` clause
 * becomes an assignment, so the view's own script — in the same HTML document, nothing loaded from
 * anywhere — can use `App`.
 */
function appBundleAsGlobal(): string {
  const path = createRequire(import.meta.url).resolve("@modelcontextprotocol/ext-apps/app-with-deps");
  const source = readFileSync(path, "utf8");
  const at = source.lastIndexOf("export{");
  const end = source.indexOf("}", at);
  if (at < 0 || end < 0) throw new SystemError("bundle MCP Apps illisible (export attendu)", { code: "app_bundle" });
  const pairs = source
    .slice(at + "export{".length, end)
    .split(",")
    .map((pair) => pair.trim().split(/\s+as\s+/))
    .map(([local, exported]) => `${JSON.stringify(exported ?? local)}:${local}`);
  return `${source.slice(0, at)}globalThis.McpApps={${pairs.join(",")}};${source.slice(end + 1)}`;
}

let bundle: string | undefined;

/** The self-contained HTML of a view: its style, the ext-apps bundle, the shared kit and its script, inline. */
export function appViewHtml(view: AppView): string {
  const dir = repositoryDir("tools", "apps", "views");
  bundle ??= appBundleAsGlobal();
  const kit = readFileSync(join(dir, "viewKit.js"), "utf8").replace(/^export /gm, "");
  const script = readFileSync(join(dir, view.script), "utf8").replace(/^import .* from "\.\/viewKit\.js";\n/m, "");
  const css = readFileSync(join(dir, "view.css"), "utf8");
  // "</script" cannot appear inside the inline scripts (it would end them early).
  const safe = (js: string) => js.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${view.title}</title><style>${css}</style></head><body><main id="app" aria-live="polite">Chargement…</main><script type="module">${safe(bundle)}</script><script type="module">${safe(kit)}\n${safe(script)}</script></body></html>`;
}

/** The views as MCP resources (mime type `text/html;profile=mcp-app`). */
export const APP_VIEW_RESOURCES: readonly ResourceDefinition[] = APP_VIEWS.map((view) => ({
  name: view.name,
  title: view.title,
  description: `Vue MCP Apps « ${view.title} » (affiche la réponse de ${view.tools.join(", ")} ; ne confirme rien elle-même).`,
  uriTemplate: view.uri,
  mimeType: RESOURCE_MIME_TYPE,
  list: async () => [{ uri: view.uri, name: view.name, title: view.title }],
  read: async () => appViewHtml(view),
}));
