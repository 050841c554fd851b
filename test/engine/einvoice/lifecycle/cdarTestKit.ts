/**
 * What the CDAR tests share: the project's copy of the CDAR D22B XSD (test/fixtures/einvoicing), and the
 * folder every CDAR message the suite writes lands in, so `.ci/run` checks them all against the schema.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const fixturesDir = path.join(projectRoot, "test", "fixtures", "einvoicing");
const xsdDir = path.join(fixturesDir, "cdar-d22b-xsd");
export const cdarOutputDir = process.env.CDAR_OUT_DIR ?? path.join(projectRoot, ".data", "test-output", "cdar");

const ROOT_XSD = "CrossDomainAcknowledgementAndResponse_100pD22B.xsd";
let schemas: { schema: { fileName: string; contents: string }[]; preload: { fileName: string; contents: string }[] } | undefined;

/** Validates against the CDAR D22B XSD; returns the error messages (none when valid). */
export async function cdarXsdErrors(xml: string): Promise<string[]> {
  schemas ??= (() => {
    const load = (f: string) => ({ fileName: f, contents: readFileSync(path.join(xsdDir, f), "utf8") });
    const files = readdirSync(xsdDir).filter((f) => f.endsWith(".xsd"));
    return { schema: [load(ROOT_XSD)], preload: files.filter((f) => f !== ROOT_XSD).map(load) };
  })();
  const result = await validateXML({ xml: [{ fileName: "cdar.xml", contents: xml }], ...schemas });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** Writes a CDAR message the suite produced where `.ci/run` validates it. */
export function writeCdarOutput(fileName: string, xml: string): void {
  mkdirSync(cdarOutputDir, { recursive: true });
  writeFileSync(path.join(cdarOutputDir, fileName.replace(/[^\w.#-]/g, "_")), xml);
}

/** An official example of XP Z12-014 (copied under test/fixtures/einvoicing/cdar-examples). */
export function officialExample(status: string): string {
  const dir = path.join(fixturesDir, "cdar-examples");
  const file = readdirSync(dir).find((f) => f.includes(`-CDV-${status}_`));
  if (!file) throw new Error(`no official example of status ${status}`);
  return readFileSync(path.join(dir, file), "utf8");
}
