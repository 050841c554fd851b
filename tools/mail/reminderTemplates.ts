import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { SystemError } from "../../engine/errors.js";
import type { ReminderLevel } from "./reminderInput.js";

/**
 * The reminder templates of `prompts/reminders/`: for each level a subject, a text part and an HTML part,
 * plus shared partials (`partials/<name>Html.hbs`, `partials/<name>Text.hbs`).
 *
 * Only these trusted files are ever compiled. User data (client names, invoice numbers…) is passed as the
 * context, so a value such as `{{x}}` is printed literally and never interpreted. The HTML environment
 * escapes every value; the subject and text environments do not (they are not HTML), which keeps `<` and `&`
 * literal there. Templates use double braces only: a triple-stash would bypass escaping and is refused.
 */
export interface CompiledReminderTemplate {
  readonly subject: HandlebarsTemplateDelegate;
  readonly text: HandlebarsTemplateDelegate;
  readonly html: HandlebarsTemplateDelegate;
}

const COMPILE_OPTIONS: CompileOptions = { strict: true, knownHelpersOnly: true, preventIndent: true };

/** Finds `prompts/reminders` from this module, both in the sources (tools/mail) and in the build (dist/tools/mail). */
export function reminderTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, "prompts", "reminders");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new SystemError("modèles de relance introuvables (dossier prompts/reminders)", { code: "templates_missing" });
}

function readTemplate(path: string): string {
  const source = readFileSync(path, "utf8");
  if (source.includes("{{{") || /\{\{~?\s*&/.test(source)) {
    throw new SystemError(`le modèle ${path} contient une expression non échappée ({{{…}}} ou {{&…}}), interdite`, {
      code: "template_unsafe",
    });
  }
  return source;
}

interface TemplateSet {
  readonly html: typeof Handlebars;
  readonly text: typeof Handlebars;
  readonly byLevel: Map<ReminderLevel, CompiledReminderTemplate>;
  readonly dir: string;
}

let cached: TemplateSet | undefined;

function templateSet(): TemplateSet {
  if (cached) return cached;
  const dir = reminderTemplatesDir();
  const html = Handlebars.create();
  const text = Handlebars.create();
  const partialsDir = join(dir, "partials");
  for (const file of readdirSync(partialsDir)) {
    const match = /^(\w+)(Html|Text)\.hbs$/.exec(file);
    if (!match) continue;
    const compiled = readTemplate(join(partialsDir, file));
    (match[2] === "Html" ? html : text).registerPartial(`${match[1]}${match[2]}`, compiled);
  }
  cached = { html, text, byLevel: new Map(), dir };
  return cached;
}

/** The compiled templates of one level (compiled once, then cached). */
export function reminderTemplate(level: ReminderLevel): CompiledReminderTemplate {
  const set = templateSet();
  const existing = set.byLevel.get(level);
  if (existing) return existing;
  const load = (part: "subject" | "text" | "html") => readTemplate(join(set.dir, `${level}.${part}.hbs`));
  const compiled: CompiledReminderTemplate = {
    subject: set.text.compile(load("subject"), { ...COMPILE_OPTIONS, noEscape: true }),
    text: set.text.compile(load("text"), { ...COMPILE_OPTIONS, noEscape: true }),
    html: set.html.compile(load("html"), COMPILE_OPTIONS),
  };
  set.byLevel.set(level, compiled);
  return compiled;
}
