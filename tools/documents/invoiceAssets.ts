import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SystemError } from "../../engine/errors.js";

/**
 * The files an invoice rendering needs, read once: the Handlebars templates of `prompts/invoice/`
 * (PDF layout and HTML page) and the DejaVu Sans fonts of the `dejavu-fonts-ttf` package.
 */
export interface InvoiceAssets {
  readonly layoutTemplate: string;
  readonly htmlTemplate: string;
  readonly fonts: { readonly regular: Uint8Array; readonly bold: Uint8Array };
}

/** Finds `prompts/invoice` from this module, in the sources (tools/documents) and in the build (dist/tools/documents). */
export function invoiceTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, "prompts", "invoice");
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new SystemError("modèles de facture introuvables (dossier prompts/invoice)", { code: "templates_missing" });
}

function readTemplate(path: string): string {
  const source = readFileSync(path, "utf8");
  if (source.includes("{{{") || /\{\{~?\s*&/.test(source))
    throw new SystemError(`le modèle ${path} contient une expression non échappée ({{{…}}} ou {{&…}}), interdite`, { code: "template_unsafe" });
  return source;
}

function fontsDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
}

let cached: InvoiceAssets | undefined;

export function loadInvoiceAssets(): InvoiceAssets {
  if (cached) return cached;
  const dir = invoiceTemplatesDir();
  const fonts = fontsDir();
  cached = {
    layoutTemplate: readTemplate(join(dir, "invoice.layout.hbs")),
    htmlTemplate: readTemplate(join(dir, "invoice.html.hbs")),
    fonts: {
      regular: new Uint8Array(readFileSync(join(fonts, "DejaVuSans.ttf"))),
      bold: new Uint8Array(readFileSync(join(fonts, "DejaVuSans-Bold.ttf"))),
    },
  };
  return cached;
}
