// Validates CDAR D22B lifecycle messages against the project's copy of the XSD (test/fixtures/einvoicing/cdar-d22b-xsd)
// with xmllint-wasm. Usage: node .ci/validateCdar.mjs FILE.xml... Prints one line per invalid file and
// "CDAR: N valid, N invalid"; exit 1 when any is invalid.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const xsdDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "test", "fixtures", "einvoicing", "cdar-d22b-xsd");
const root = "CrossDomainAcknowledgementAndResponse_100pD22B.xsd";
const load = (f) => ({ fileName: f, contents: readFileSync(path.join(xsdDir, f), "utf8") });
const preload = readdirSync(xsdDir).filter((f) => f.endsWith(".xsd") && f !== root).map(load);
let valid = 0;
let invalid = 0;
for (const file of process.argv.slice(2)) {
  const result = await validateXML({ xml: [{ fileName: path.basename(file), contents: readFileSync(file, "utf8") }], schema: [load(root)], preload });
  if (result.valid) valid++;
  else {
    invalid++;
    console.log(`${file}: ${result.errors.map((e) => e.message).join(" | ")}`);
  }
}
console.log(`CDAR: ${valid} valid, ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);
