import { basename, extname } from "node:path";
import { InputError } from "../../engine/errors.js";
import { readInputBytes } from "../import/inputFile.js";
import { type BankStatementFormat, BankStatementFormatSchema, type ParsedBankStatement } from "./bankStatement.js";
import { parseBankStatementCamt053 } from "./bankStatementCamt053.js";
import { parseBankStatementCsv } from "./bankStatementCsv.js";

/** Windows-1252 bytes 0x80–0x9F (€, typographic quotes, Œ…); the rest is ISO-8859-1. */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

/**
 * UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what many French banks still export).
 * Node's own "windows-1252" decoder is ISO-8859-1 (it loses €), hence the table for 0x80–0x9F.
 */
export function decodeStatementBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b))).join("");
  }
}

/** The format from `--format`, else from the extension (.xml → camt053, anything else → csv). */
export function statementFormatOf(path: string, format?: string): BankStatementFormat {
  if (format !== undefined) {
    const parsed = BankStatementFormatSchema.safeParse(format.toLowerCase().replace(/[^a-z0-9]/g, ""));
    if (!parsed.success) throw new InputError(`format inconnu « ${format} » (csv ou camt053)`, { field: "--format" });
    return parsed.data;
  }
  return extname(path).toLowerCase() === ".xml" ? "camt053" : "csv";
}

/** Reads and parses a statement file; refusals name the file, the line and the column (or element). */
export async function readBankStatementFile(path: string, format?: string): Promise<{ fileName: string; statement: ParsedBankStatement }> {
  const fileName = basename(path);
  const kind = statementFormatOf(path, format);
  const text = decodeStatementBytes(await readInputBytes(path));
  const statement = kind === "camt053" ? parseBankStatementCamt053(text, fileName) : parseBankStatementCsv(text, fileName);
  return { fileName, statement };
}
