import { create } from "xmlbuilder2";
import { InputError } from "../../engine/errors.js";
import { parseBankAmount } from "./bankAmount.js";
import { parseBankDate } from "./bankDate.js";
import { normaliseLabel, type ParsedBankLine, type ParsedBankStatement } from "./bankStatement.js";

/**
 * An ISO 20022 CAMT.053 statement (BkToCstmrStmt, any 001.xx version), parsed with xmlbuilder2.
 * Each booked entry (Ntry with status BOOK) becomes a line: amount signed by CdtDbtInd (DBIT is
 * negative), BookgDt, ValDt, the label from AddtlNtryInf, the debtor's name and the unstructured
 * remittance (Ustrd), the reference from AcctSvcrRef / NtryRef / EndToEndId. The account is the
 * statement's IBAN. Only euros are accepted; a file with several accounts is refused.
 */
type XmlNode = Record<string, unknown>;

const localName = (key: string) => key.slice(key.indexOf(":") + 1);

/** The children named `name` (namespace prefix ignored), always as an array. */
function kids(node: unknown, name: string): unknown[] {
  if (typeof node !== "object" || node === null) return [];
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (localName(key) !== name) continue;
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else out.push(value);
  }
  return out;
}

/** The first node at a path of child names. */
function at(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const name of path) {
    current = kids(current, name)[0];
    if (current === undefined) return undefined;
  }
  return current;
}

/** The text of a node (an element with attributes keeps its text under "#"). */
function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return node.trim();
  if (typeof node === "object" && node !== null && typeof (node as XmlNode)["#"] === "string") return ((node as XmlNode)["#"] as string).trim();
  return undefined;
}

const text = (node: unknown, ...path: string[]) => textOf(at(node, ...path));

export function parseBankStatementCamt053(xml: string, fileName: string): ParsedBankStatement {
  let document: unknown;
  try {
    document = create(xml.replace(/^\uFEFF/, "")).end({ format: "object" });
  } catch (error) {
    throw new InputError(`XML illisible (${error instanceof Error ? error.message : String(error)})`, { field: fileName, code: "invalid_camt053" });
  }
  const statements = kids(at(document, "Document", "BkToCstmrStmt"), "Stmt");
  if (statements.length === 0) throw new InputError("ce n'est pas un relevé CAMT.053 (Document/BkToCstmrStmt/Stmt absent)", { field: fileName, code: "invalid_camt053" });

  const accounts = new Set(statements.map((s) => text(s, "Acct", "Id", "IBAN") ?? text(s, "Acct", "Id", "Othr", "Id") ?? ""));
  if (accounts.size > 1) throw new InputError(`plusieurs comptes dans le même fichier (${[...accounts].join(", ")}) : importez-les séparément`, { field: fileName, code: "invalid_camt053" });
  const [account = ""] = [...accounts];

  const lines: ParsedBankLine[] = [];
  statements.forEach((statement, s) => {
    kids(statement, "Ntry").forEach((entry, e) => {
      const source = `${fileName} relevé ${s + 1}, opération ${e + 1}`;
      const fail = (element: string, message: string): never => {
        throw new InputError(message, { field: `${source}, ${element}`, code: "invalid_bank_line" });
      };
      const status = text(entry, "Sts", "Cd") ?? text(entry, "Sts");
      if (status !== undefined && status !== "BOOK") return; // pending or informational entries are not booked yet
      const amountNode = at(entry, "Amt");
      const currency = typeof amountNode === "object" && amountNode !== null ? (amountNode as XmlNode)["@Ccy"] : undefined;
      if (currency !== undefined && currency !== "EUR") fail("Amt", `seuls les relevés en euros sont acceptés (reçu ${String(currency)})`);
      const amountText = textOf(amountNode) ?? fail("Amt", "montant absent");
      const amount = parseBankAmount(amountText) ?? fail("Amt", `montant invalide « ${amountText} »`);
      const direction = text(entry, "CdtDbtInd");
      if (direction !== "CRDT" && direction !== "DBIT") fail("CdtDbtInd", `sens inconnu « ${direction ?? ""} » (CRDT ou DBIT)`);
      const dateText = text(entry, "BookgDt", "Dt") ?? text(entry, "BookgDt", "DtTm") ?? fail("BookgDt", "date de comptabilisation absente");
      const bookingDate = parseBankDate(dateText) ?? fail("BookgDt", `date invalide « ${dateText} »`);
      const valueText = text(entry, "ValDt", "Dt") ?? text(entry, "ValDt", "DtTm");
      const valueDate = valueText === undefined ? null : (parseBankDate(valueText) ?? fail("ValDt", `date invalide « ${valueText} »`));
      const details = at(entry, "NtryDtls", "TxDtls");
      const labelParts = [
        text(entry, "AddtlNtryInf"),
        text(details, "RltdPties", "Dbtr", "Nm") ?? text(details, "RltdPties", "Dbtr", "Pty", "Nm"),
        ...kids(at(details, "RmtInf"), "Ustrd").map(textOf),
      ].filter((p): p is string => p !== undefined && p !== "");
      const reference = text(entry, "AcctSvcrRef") ?? text(entry, "NtryRef") ?? text(details, "Refs", "EndToEndId") ?? null;
      const magnitude = amount.replace(/^-/, "");
      lines.push({
        bookingDate,
        valueDate,
        amount: direction === "DBIT" ? `-${magnitude}` : magnitude,
        label: normaliseLabel([...new Set(labelParts)].join(" ")),
        reference: reference === "NOTPROVIDED" ? null : reference,
        source,
      });
    });
  });
  if (lines.length === 0) throw new InputError("aucune opération comptabilisée dans le relevé", { field: fileName, code: "invalid_camt053" });
  return { account: account === "" ? null : account, lines };
}
