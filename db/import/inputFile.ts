import { readFile } from "node:fs/promises";
import { InputError } from "../../engine/errors.js";

/** Why a file the user named cannot be read, in French, with what to do (never the system's error code). */
function unreadable(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "fichier introuvable : vérifiez son nom et son chemin";
    case "EISDIR":
      return "est un dossier, pas un fichier : indiquez le fichier lui-même";
    case "ENOTDIR":
      return "chemin impossible (un élément du chemin n'est pas un dossier) : vérifiez le chemin";
    case "EACCES":
    case "EPERM":
      return "lecture refusée par les droits du fichier : donnez le droit de lecture, ou copiez-le ailleurs";
    default:
      return "fichier illisible : vérifiez qu'il est accessible et complet";
  }
}

/** The bytes of a file the user named (import, bank statement, scenario); a refusal names the path as given. */
export async function readInputBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new InputError(unreadable((error as NodeJS.ErrnoException).code), { field: path, code: "file_unreadable" });
  }
}

/** The UTF-8 text of a file the user named, without a leading byte-order mark (what spreadsheets and Windows editors add). */
export async function readInputText(path: string): Promise<string> {
  return (await readInputBytes(path)).toString("utf8").replace(/^\uFEFF/, "");
}

/** The parser's complaints, in French (V8's wording, matched by its start). */
const SYNTAX: readonly (readonly [RegExp, string])[] = [
  [/^Unexpected end of JSON input/, "le fichier s'arrête avant la fin du JSON (accolade, crochet ou guillemet non fermé ? fichier tronqué ?)"],
  [/^Expected ',' or '}' after property value/, "virgule ou « } » attendue après une valeur"],
  [/^Expected ',' or '\]' after array element/, "virgule ou « ] » attendu après un élément de liste"],
  [/^Expected (property name or '}'|double-quoted property name)/, "nom de champ entre guillemets doubles attendu (virgule en trop ? guillemets simples ?)"],
  [/^Expected ':' after property name/, "« : » attendu après un nom de champ"],
  [/^Unexpected non-whitespace character after JSON/, "du texte suit la fin du JSON"],
  [/^Bad control character in string literal/, "caractère de contrôle dans un texte (retour à la ligne ou tabulation à écrire \\n ou \\t)"],
  [/^(Bad escaped character|Bad Unicode escape)/, "séquence d'échappement incorrecte dans un texte"],
  [/^Unterminated string/, "texte sans guillemet fermant"],
  [/^(Unexpected token|Unexpected number|Unexpected string)/, "caractère inattendu"],
];

/** Line and column (from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return `ligne ${line}, colonne ${offset - before.lastIndexOf("\n")}`;
}

/**
 * Parses the JSON of a file the user named. A syntax error is an InputError naming the file, the place
 * (line and column) and the fault in French, and saying to correct the file.
 */
export function parseJsonInput(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const raw = error instanceof Error ? error.message : "";
    const fault = SYNTAX.find(([pattern]) => pattern.test(raw))?.[1] ?? "syntaxe JSON incorrecte";
    const position = /at position (\d+)/.exec(raw);
    const where = position ? ` ${lineAndColumn(text, Number(position[1]))}` : raw.startsWith("Unexpected end") ? ` ligne ${text.split("\n").length}` : "";
    throw new InputError(`JSON invalide${where} : ${fault} ; corrigez le fichier puis relancez`, { field: name, code: "invalid_json" });
  }
}
