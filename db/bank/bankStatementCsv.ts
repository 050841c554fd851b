import { parse } from "csv-parse/sync";
import { InputError } from "../../engine/errors.js";
import { parseBankAmount } from "./bankAmount.js";
import { parseBankDate } from "./bankDate.js";
import { normaliseLabel, type ParsedBankLine, type ParsedBankStatement } from "./bankStatement.js";

/**
 * A bank statement exported as CSV, as French banks do (`facturation import-bank releve.csv`):
 * - separator `;` (or tab, or `,` with quoted amounts), read from the header line; UTF-8, BOM allowed;
 * - a header line naming the columns, found among the first 30 lines (a bank's preamble above it —
 *   account number, balance — is skipped); case, accents, spaces and punctuation are ignored:
 *   - date of the operation: « Date », « Date opération », « Date comptable » (required);
 *   - « Date valeur » / « Date de valeur » (optional);
 *   - « Libellé », « Libellé opération », « Description », « Intitulé » (required; the first one wins);
 *   - the amount: either « Montant » (signed: negative = débit) or « Débit » and « Crédit »
 *     (one of the two filled per line; a débit written « 45,90 » or « -45,90 » is a debit either way);
 *   - « Référence » / « Réf. » (optional); « Devise » (optional, EUR only);
 *   - any other column (solde, catégorie…) is ignored;
 * - dates 14/11/2026, 14/11/26 or 2026-11-14; amounts « 1 234,56 », « 1.234,56 », « 1234.56 ».
 * All or nothing: the first bad line is refused with a French message naming the line and column.
 */
type Role = "bookingDate" | "valueDate" | "label" | "amount" | "debit" | "credit" | "reference" | "currency";

const ROLE_NAMES: Record<Role, string> = {
  bookingDate: "date",
  valueDate: "date de valeur",
  label: "libellé",
  amount: "montant",
  debit: "débit",
  credit: "crédit",
  reference: "référence",
  currency: "devise",
};

const normalise = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/** The role of a header cell, or undefined for a column we ignore. */
function roleOf(header: string): Role | undefined {
  const h = normalise(header);
  if (/^(datevaleur|datedevaleur|valuedate|dateval)/.test(h)) return "valueDate";
  if (/^(date|bookingdate)/.test(h)) return "bookingDate";
  if (/^(libelle|description|intitule|label|nature|operation$)/.test(h)) return "label";
  if (/^debit/.test(h)) return "debit";
  if (/^credit/.test(h)) return "credit";
  if (/^(montant|amount|somme)/.test(h)) return "amount";
  if (/^(reference|ref|numerodoperation|numerooperation)/.test(h)) return "reference";
  if (/^(devise|currency|monnaie)$/.test(h)) return "currency";
  return undefined;
}

/** Roles of each cell of a candidate header line (first occurrence of a role wins). */
function headerRoles(cells: readonly string[]): Map<Role, number> {
  const roles = new Map<Role, number>();
  cells.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role && !roles.has(role)) roles.set(role, i);
  });
  return roles;
}

const isHeader = (roles: Map<Role, number>) => roles.has("bookingDate") && roles.has("label") && (roles.has("amount") || roles.has("debit") || roles.has("credit"));

function delimiterOf(line: string): string {
  if (line.includes(";")) return ";";
  if (line.includes("\t")) return "\t";
  return ",";
}

const EXPECTED = "Date;Libellé;Débit;Crédit (ou Date;Libellé;Montant)";

export function parseBankStatementCsv(text: string, fileName: string): ParsedBankStatement {
  const where = (line: number, column?: string) => `${fileName} ligne ${line}${column ? `, colonne ${column}` : ""}`;
  const physical = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let headerIndex = -1;
  for (let i = 0; i < Math.min(physical.length, 30); i++) {
    const line = physical[i] ?? "";
    if (line.trim() === "") continue;
    const cells = line.split(delimiterOf(line)).map((c) => c.replace(/^"|"$/g, ""));
    if (isHeader(headerRoles(cells))) {
      headerIndex = i;
      break;
    }
  }
  if (headerIndex < 0) {
    throw new InputError(`aucune ligne d'en-tête reconnue dans les 30 premières lignes (attendu par exemple : ${EXPECTED})`, { field: fileName, code: "invalid_csv" });
  }
  const delimiter = delimiterOf(physical[headerIndex] ?? "");
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      delimiter,
      from_line: headerIndex + 1,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError(`CSV illisible (${error instanceof Error ? error.message : String(error)})`, { field: line ? where(line) : fileName, code: "invalid_csv" });
  }
  const [header, ...records] = rows;
  if (!header) throw new InputError(`fichier vide (attendu : ${EXPECTED})`, { field: fileName, code: "invalid_csv" });
  const roles = headerRoles(header.record);
  const columnName = (role: Role) => {
    const i = roles.get(role);
    return i === undefined ? ROLE_NAMES[role] : (header.record[i] ?? ROLE_NAMES[role]);
  };

  const lines: ParsedBankLine[] = records.map(({ record, info }) => {
    const line = info.lines;
    const value = (role: Role) => {
      const i = roles.get(role);
      const v = i === undefined ? undefined : record[i]?.trim();
      return v === undefined || v === "" ? undefined : v;
    };
    const fail = (role: Role, message: string): never => {
      throw new InputError(message, { field: where(line, columnName(role)), code: "invalid_bank_line" });
    };

    const dateText = value("bookingDate") ?? fail("bookingDate", "est obligatoire");
    const bookingDate = parseBankDate(dateText) ?? fail("bookingDate", `date invalide « ${dateText} » (JJ/MM/AAAA ou AAAA-MM-JJ)`);
    const valueText = value("valueDate");
    const valueDate = valueText === undefined ? null : (parseBankDate(valueText) ?? fail("valueDate", `date invalide « ${valueText} » (JJ/MM/AAAA ou AAAA-MM-JJ)`));
    const label = normaliseLabel(value("label") ?? fail("label", "est obligatoire"));
    const currency = value("currency");
    if (currency !== undefined && currency.toUpperCase() !== "EUR" && currency !== "€") fail("currency", `seuls les relevés en euros sont acceptés (reçu « ${currency} »)`);

    const amountOf = (role: Role) => {
      const t = value(role);
      if (t === undefined) return undefined;
      return parseBankAmount(t) ?? fail(role, `montant invalide « ${t} » (ex. 1 234,56)`);
    };
    let amount: string;
    if (roles.has("amount")) {
      amount = amountOf("amount") ?? fail("amount", "est obligatoire");
    } else {
      const debit = amountOf("debit");
      const credit = amountOf("credit");
      if (debit !== undefined && credit !== undefined) fail("credit", "débit et crédit remplis sur la même ligne : un seul des deux est attendu");
      if (debit === undefined && credit === undefined) fail(roles.has("credit") ? "credit" : "debit", "ni débit ni crédit : un montant est attendu");
      amount = debit !== undefined ? `-${debit.replace(/^-/, "")}` : (credit ?? "").replace(/^-/, "");
    }
    if (/^-?0+(\.0+)?$/.test(amount)) fail(roles.has("amount") ? "amount" : "credit", "montant nul");
    return { bookingDate, valueDate, amount, label, reference: value("reference") ?? null, source: where(line) };
  });
  if (lines.length === 0) throw new InputError("aucune opération après l'en-tête", { field: fileName, code: "invalid_csv" });
  return { account: null, lines };
}
