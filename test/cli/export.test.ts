import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/connection.js";
import { FEC_COLUMNS } from "../../engine/accounting/fec.js";
import { extractFacturxXml } from "../../engine/einvoice/extractFacturxXml.js";
import { Decimal, sum, toAmountString } from "../../engine/money/money.js";
import { writeOutput, xsdErrors } from "../engine/einvoice/facturxTestKit.js";
import { cliEnv, runCli, tempDataDir } from "../tools/cliProcess.js";
import { seedDocuments } from "../tools/documents/seedDocuments.js";

let dataDir: string;
let numbers: { deposit: string; final: string; plain: string; credit: string };

beforeAll(async () => {
  dataDir = tempDataDir();
  const opened = await openDatabase({ dataDir, env: {} });
  try {
    const seeded = await seedDocuments(opened.db);
    numbers = {
      deposit: seeded.deposit.number as string,
      final: seeded.final.number as string,
      plain: seeded.plain.number as string,
      credit: seeded.credit.number as string,
    };
  } finally {
    await opened.close();
  }
}, 120_000);

const cli = (...args: string[]) => runCli(["--data-dir", dataDir, ...args], { env: cliEnv() });

describe("facturation export facturx", () => {
  it("writes <number>.xml and <number>.pdf for every issued document with --all, each XSD-valid and embedded in its PDF", async () => {
    const out = join(tempDataDir(), "facturx");
    const result = await cli("export", "facturx", "--all", "--out", out);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("4 documents Factur-X écrit(s)");
    const files = readdirSync(out).sort();
    const expected = Object.values(numbers).flatMap((n) => [`${n}.pdf`, `${n}.xml`]).sort();
    expect(files).toEqual(expected);
    for (const n of Object.values(numbers)) {
      const xml = readFileSync(join(out, `${n}.xml`), "utf8");
      const pdf = new Uint8Array(readFileSync(join(out, `${n}.pdf`)));
      expect(await xsdErrors(xml)).toEqual([]);
      expect(await extractFacturxXml(pdf)).toBe(xml);
      writeOutput(`cli-${n}.xml`, xml);
      writeOutput(`cli-${n}.pdf`, pdf);
    }
    expect(readFileSync(join(out, `${numbers.credit}.xml`), "utf8")).toContain("<ram:TypeCode>381</ram:TypeCode>");
    expect(readFileSync(join(out, `${numbers.deposit}.xml`), "utf8")).toContain("<ram:TypeCode>386</ram:TypeCode>");
    expect(readFileSync(join(out, `${numbers.final}.xml`), "utf8")).toContain("<ram:ID>S4</ram:ID>");
  });

  it("exports only the numbers asked for", async () => {
    const out = join(tempDataDir(), "one");
    const result = await cli("export", "facturx", numbers.plain, "--out", out);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`${numbers.plain}.pdf`, `${numbers.plain}.xml`]);
  });

  it("refuses an unknown number in French with exit code 2 and writes nothing", async () => {
    const out = join(tempDataDir(), "none");
    const result = await cli("export", "facturx", numbers.plain, "F-2099-99999", "--out", out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("facture F-2099-99999 introuvable");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an --out that is a file, or goes through one, in French with exit code 2, writing nothing", async () => {
    const dir = tempDataDir();
    const file = join(dir, "deja-un-fichier");
    writeFileSync(file, "garder");
    const onFile = await cli("export", "facturx", numbers.plain, "--out", file);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr.trim()).toBe(`--out : « ${file} » est un fichier, pas un dossier : indiquez un dossier (il est créé s'il n'existe pas)`);
    const through = await cli("export", "facturx", numbers.plain, "--out", join(file, "sous-dossier"));
    expect(through.code).toBe(2);
    expect(through.stderr.trim()).toBe(`--out : un élément du chemin « ${join(file, "sous-dossier")} » (${file}) est un fichier, pas un dossier : choisissez un autre chemin`);
    const fecOnDir = await cli("export", "fec", "--year", "2026", "--out", dir);
    expect(fecOnDir.code).toBe(2);
    expect(fecOnDir.stderr.trim()).toBe(`--out : « ${dir} » est un dossier : indiquez le nom du fichier à écrire (par exemple ${dir}/FEC.txt)`);
    for (const r of [onFile, through, fecOnDir]) expect(r.stderr).not.toMatch(/ENOTDIR|EEXIST|EISDIR|inattendue/);
    expect(readdirSync(dir)).toEqual(["deja-un-fichier"]);
    expect(readFileSync(file, "utf8")).toBe("garder");
  });

  it("refuses a call without number nor --all (exit 2)", async () => {
    const result = await cli("export", "facturx", "--out", tempDataDir());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("indiquez au moins un numéro de facture, ou --all");
  });
});

describe("facturation export fec", () => {
  it("writes the 18 columns, one line per ledger line, every entry balanced", async () => {
    const file = join(tempDataDir(), "FEC.txt");
    const result = await cli("export", "fec", "--year", "2026", "--out", file);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [header, ...rows] = readFileSync(file, "utf8").split("\r\n").filter(Boolean);
    expect(header?.split("\t")).toEqual([...FEC_COLUMNS]);
    expect(rows.length).toBeGreaterThan(0);
    const fields = rows.map((r) => r.split("\t"));
    for (const f of fields) expect(f).toHaveLength(18);
    const amount = (s: string | undefined) => new Decimal((s ?? "").replace(",", "."));
    const byEntry = new Map<string, string[][]>();
    for (const f of fields) byEntry.set(`${f[0]}|${f[2]}`, [...(byEntry.get(`${f[0]}|${f[2]}`) ?? []), f]);
    expect(byEntry.size).toBe(4); // four issued documents, four sales-journal entries
    for (const lines of byEntry.values()) {
      expect(toAmountString(sum(lines.map((l) => amount(l[11]))))).toBe(toAmountString(sum(lines.map((l) => amount(l[12])))));
    }
    const clientLine = fields.find((f) => f[4] === "411" && f[8] === numbers.final);
    expect(clientLine?.slice(6, 8)).toEqual([expect.any(String), "Acme Industrie"]);
    expect(clientLine?.[11]).toBe("8400,00");
    expect(result.stdout).toMatch(/FEC 2026 : 4 écriture\(s\)/);
  });

  it("refuses a malformed year with exit code 2", async () => {
    const result = await cli("export", "fec", "--year", "26", "--out", join(tempDataDir(), "x.txt"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--year : doit être une année sur quatre chiffres");
  });
});
