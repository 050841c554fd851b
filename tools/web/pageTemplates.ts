import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { SystemError } from "../../engine/errors.js";
import { formatEuros } from "../../engine/money/formatEuros.js";
import { isDecimalString, toDecimal } from "../../engine/money/money.js";

/** Finds a folder of the repository (prompts/web, tools/web/assets) from this module, in the sources and in the build (dist/). */
export function repositoryDir(...parts: string[]): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, ...parts);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new SystemError(`dossier introuvable : ${parts.join("/")}`, { code: "web_assets_missing" });
}

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Paris" });

/** "32.5" → "32,5"; null → "—". */
const frenchNumber = (value: unknown) => (typeof value === "string" && isDecimalString(value) ? value.replace(".", ",") : "—");

const HELPERS: Record<string, Handlebars.HelperDelegate> = {
  /** A decimal string as euros: "1200.00" → "1 200,00 €". */
  euros: (value: unknown) => (typeof value === "string" && isDecimalString(value) ? formatEuros(toDecimal(value)) : "—"),
  /** An ISO date as 25/11/2026. */
  date: (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDateShortFr(value) : "—"),
  /** An ISO instant, Paris time. */
  dateTime: (value: unknown) => (typeof value === "string" && !Number.isNaN(Date.parse(value)) ? DATE_TIME.format(new Date(value)) : "—"),
  decimal: frenchNumber,
  eq: (a: unknown, b: unknown) => a === b,
  /** For links: a path segment or query value. */
  uri: (value: unknown) => encodeURIComponent(String(value ?? "")),
};

const COMPILE_OPTIONS: CompileOptions = {
  strict: false,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  preventIndent: true,
};

/**
 * The workspace's pages (`prompts/web/*.hbs`) and their partials (`prompts/web/partials/`), compiled once.
 * Every value is escaped; trusted markup the server builds itself (chart SVG) is passed as a
 * `Handlebars.SafeString`. A template with a triple-stash (unescaped expression) is refused.
 */
export interface PageTemplates {
  render(page: string, context: object): string;
}

function readTemplate(path: string): string {
  const source = readFileSync(path, "utf8");
  if (source.includes("{{{") || /\{\{~?\s*&/.test(source)) {
    throw new SystemError(`le modèle ${path} contient une expression non échappée ({{{…}}} ou {{&…}}), interdite`, { code: "template_unsafe" });
  }
  return source;
}

export function loadPageTemplates(dir: string = repositoryDir("prompts", "web")): PageTemplates {
  const env = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper);
  const partials = join(dir, "partials");
  if (existsSync(partials)) {
    for (const file of readdirSync(partials).filter((f) => f.endsWith(".hbs"))) env.registerPartial(basename(file, ".hbs"), env.compile(readTemplate(join(partials, file)), COMPILE_OPTIONS));
  }
  const pages = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".hbs"))) pages.set(basename(file, ".hbs"), env.compile(readTemplate(join(dir, file)), COMPILE_OPTIONS));
  return {
    render(page, context) {
      const template = pages.get(page);
      if (!template) throw new SystemError(`page inconnue : ${page}`, { code: "template_missing" });
      return template(context);
    },
  };
}

/** Markup the server produced itself (never user text): printed as is. */
export const trustedMarkup = (html: string): Handlebars.SafeString => new Handlebars.SafeString(html);
