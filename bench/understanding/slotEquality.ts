import { foldText } from "../../agents/understanding/normalizeText.js";

const NAME_SLOTS = new Set(["client", "project", "milestone", "lot", "beneficiary", "activity"]);
/** Slots the catalogue does not score. */
const UNSCORED: Readonly<Record<string, readonly string[]>> = { out_of_scope: ["reason"] };

const fold = (value: unknown) => (typeof value === "string" ? foldText(value).replace(/\s+/g, " ").trim() : value);

function sameValue(slot: string, a: unknown, b: unknown): boolean {
  if (NAME_SLOTS.has(slot)) return fold(a) === fold(b);
  if (slot === "status" && Array.isArray(a) && Array.isArray(b)) return [...a].sort().join(",") === [...b].sort().join(",");
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The slots that differ between the label and the reading (empty: exact), per the catalogue's scoring rules. */
export function slotDifferences(intent: string, expected: Readonly<Record<string, unknown>>, got: Readonly<Record<string, unknown>>): string[] {
  const skip = new Set(UNSCORED[intent] ?? []);
  const keys = new Set([...Object.keys(expected), ...Object.keys(got)].filter((k) => !skip.has(k)));
  return [...keys].filter((k) => !sameValue(k, expected[k], got[k]));
}
