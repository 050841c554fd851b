import { parse } from "csv-parse/sync";
import { isIsoDate } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { isDecimalString } from "../../engine/money/money.js";
import { IMPORT_FORMAT, type ImportFileInput } from "./importFormat.js";

/**
 * Time entries as CSV (`facturation import temps.csv [--project REF]`): one line per entry, a header
 * line naming the columns (any order, case and accents ignored), `;` or `,` as separator (read from
 * the header line):
 *   projet;date;action;quantite;description   (+ optional: contrat, ref)
 * `projet` may be left out when `--project` is given. Dates are 2026-03-14 or 14/03/2026; quantities
 * in the contract's pricing unit (days or hours), "1,5" or "1.5". Each line becomes an `action` event.
 */
export const CSV_COLUMNS = ["projet", "contrat", "date", "action", "quantite", "description", "ref"] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const MEMBER_COLUMNS: Record<string, CsvColumn> = { project: "projet", contract: "contrat", date: "date", name: "action", quantity: "quantite", description: "description", ref: "ref" };

const normalise = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

const ALIASES: Record<string, CsvColumn> = { projet: "projet", project: "projet", contrat: "contrat", contract: "contrat", date: "date", action: "action", activite: "action", quantite: "quantite", quantity: "quantite", qte: "quantite", description: "description", commentaire: "description", ref: "ref", reference: "ref" };

export interface TimeEntriesCsv {
  /** An import file holding one `action` event per CSV line. */
  readonly file: ImportFileInput;
  /** `events[k].name` → `temps.csv ligne 14, colonne action`. */
  readonly describeField: (field: string) => string;
}

/** Parses the CSV text; refusals name the file, the line and the column. */
export function parseTimeEntriesCsv(text: string, fileName: string, options: { project?: string | undefined } = {}): TimeEntriesCsv {
  const where = (line: number, column?: string) => `${fileName} ligne ${line}${column ? `, colonne ${column}` : ""}`;
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") ? ";" : ",";
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: false, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new InputError(`CSV illisible (${error instanceof Error ? error.message : String(error)})`, { field: line ? where(line) : fileName, code: "invalid_csv" });
  }
  const [header, ...records] = rows;
  if (!header) throw new InputError("fichier vide : une ligne d'en-tête est attendue (projet;date;action;quantite;description)", { field: fileName });
  const columns = header.record.map((name, i) => {
    const column = ALIASES[normalise(name)];
    if (!column) throw new InputError(`colonne inconnue « ${name} » (attendues : ${CSV_COLUMNS.join(", ")})`, { field: where(header.info.lines, String(i + 1)) });
    return column;
  });
  for (const required of ["date", "action", "quantite"] as const) {
    if (!columns.includes(required)) throw new InputError(`colonne « ${required} » absente de l'en-tête`, { field: where(header.info.lines) });
  }
  if (!columns.includes("projet") && !columns.includes("contrat") && options.project === undefined) {
    throw new InputError("colonne « projet » absente : ajoutez-la ou indiquez --project", { field: where(header.info.lines) });
  }

  const lines: number[] = [];
  const events = records.map(({ record, info }) => {
    const line = info.lines;
    const value = (c: CsvColumn) => {
      const i = columns.indexOf(c);
      const v = i < 0 ? undefined : record[i];
      return v === undefined || v === "" ? undefined : v;
    };
    const dateText = value("date");
    if (dateText === undefined) throw new InputError("est obligatoire", { field: where(line, "date") });
    const french = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dateText);
    const date = french ? `${french[3]}-${french[2]}-${french[1]}` : dateText;
    if (!isIsoDate(date)) throw new InputError(`date invalide « ${dateText} » (AAAA-MM-JJ ou JJ/MM/AAAA)`, { field: where(line, "date") });
    const action = value("action");
    if (action === undefined) throw new InputError("est obligatoire (le nom de l'action, ex. Développement)", { field: where(line, "action") });
    const quantityText = value("quantite");
    if (quantityText === undefined) throw new InputError("est obligatoire", { field: where(line, "quantite") });
    const quantity = quantityText.replace(",", ".");
    if (!isDecimalString(quantity) || quantity.startsWith("-")) throw new InputError(`doit être un nombre positif, ex. 1,5 (reçu « ${quantityText} »)`, { field: where(line, "quantite") });
    const contract = value("contrat");
    const project = value("projet") ?? options.project;
    if (contract === undefined && project === undefined) throw new InputError("est obligatoire (ou indiquez --project)", { field: where(line, "projet") });
    const description = value("description");
    const ref = value("ref");
    lines.push(line);
    return {
      type: "action" as const,
      date,
      name: action,
      quantity,
      ...(contract !== undefined ? { contract } : { project }),
      ...(description !== undefined ? { description } : {}),
      ...(ref !== undefined ? { ref } : {}),
    };
  });
  if (events.length === 0) throw new InputError("aucune ligne de temps après l'en-tête", { field: fileName });

  const describeField = (field: string) => {
    const match = /^events\[(\d+)\](?:\.(\w+))?/.exec(field);
    const line = match ? lines[Number.parseInt(match[1] ?? "", 10)] : undefined;
    if (line === undefined) return `${fileName} (${field})`;
    const column = match?.[2] ? MEMBER_COLUMNS[match[2]] : undefined;
    return where(line, column);
  };
  return { file: { format: IMPORT_FORMAT, events }, describeField };
}
