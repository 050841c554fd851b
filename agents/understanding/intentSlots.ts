import type { EntityKind } from "./catalog.js";
import type { EntityMention } from "./entityMentions.js";
import type { SlotReading } from "./slotReading.js";
import { wordValues } from "./slotReading.js";
import { InvoiceStatusWordSchema, type SlotName, type SlotValues } from "./slotValues.js";

const ENTITY_SLOTS: readonly EntityKind[] = ["client", "project", "milestone", "lot", "beneficiary"];
/** Words that end an activity (« 1 jour de recette pour Nexa » → « recette »). */
const ACTIVITY_STOP = new Set(
  "pour chez sur le la les l a au aux hier demain aujourdhui avant ce cette du des en dans avec par et qqclient qqprojet qqdate qqperiode qqjalon qqlot qqbenef qqfacture qqmontant sur stp svp merci ce au".split(" "),
);

/** The mention of each entity slot the intent reads: its own kind, or the same words read as another kind it reads. */
function entitySlots(mentions: readonly EntityMention[], wanted: ReadonlySet<SlotName>): Partial<Record<EntityKind, string>> {
  const out: Partial<Record<EntityKind, string>> = {};
  for (const m of mentions) {
    const options = [m, ...m.sameWords];
    const chosen = options.find((o) => wanted.has(o.kind) && out[o.kind] === undefined);
    if (chosen !== undefined) out[chosen.kind] = chosen.name;
  }
  return out;
}

function activity(reading: SlotReading): string | undefined {
  const q = reading.quantities[0];
  if (q === undefined) return undefined;
  const after = reading.masked.split(" qqduree ")[1] ?? reading.masked.split("qqduree ")[1];
  if (after === undefined) return undefined;
  const words = after.split(" ");
  if (words[0] !== "de" && words[0] !== "d") return undefined;
  const taken: string[] = [];
  for (const w of words.slice(1)) {
    if (ACTIVITY_STOP.has(w) && !(w === "de" && taken.length > 0)) break;
    taken.push(w);
    if (taken.length >= 3) break;
  }
  while (taken.at(-1) === "de") taken.pop();
  if (taken.length === 0) return undefined;
  // the user's own spelling, accents included, for the words kept
  const raw = reading.text.normalize("NFC").toLowerCase();
  const folded = taken.join(" ");
  const plain = raw.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  const at = plain.indexOf(folded);
  return at >= 0 ? raw.slice(at, at + folded.length) : folded;
}

/**
 * The intent's slots from what the request says: only the slots the intent reads, only what is
 * written (never a default). Names are the catalog's; amounts decimal strings; dates ISO.
 */
export function slotsFor(slots: readonly SlotName[], reading: SlotReading): SlotValues {
  const wanted = new Set(slots);
  const out: Record<string, unknown> = { ...entitySlots(reading.mentions, wanted) };
  const set = (name: SlotName, value: unknown) => {
    if (wanted.has(name) && value !== undefined && out[name] === undefined) out[name] = value;
  };
  set("invoice", reading.invoices[0]);
  if (wanted.has("amountOver")) set("amountOver", reading.amounts.find((a) => a.over)?.amount);
  const plainAmount = reading.amounts.find((a) => !a.over || !wanted.has("amountOver"))?.amount;
  set("amount", plainAmount ?? (wanted.has("method") || wanted.has("invoice") ? reading.bareAmounts[0] : undefined));
  set("amountBasis", wordValues(reading, "amountBasis")[0]);
  set("date", reading.dates[0]);
  set("period", reading.periods[0]);
  set("percent", reading.percents[0]);
  const q = reading.quantities[0];
  if (q !== undefined && wanted.has("quantity")) {
    set("quantity", q.quantity);
    set("unit", q.unit);
    set("activity", activity(reading));
  }
  set("overdueDays", reading.overdueDays[0]);
  set("method", wordValues(reading, "method")[0]);
  set("level", wordValues(reading, "level")[0]);
  set("kind", wordValues(reading, "kind")[0]);
  set("scope", wordValues(reading, "scope")[0]);
  if (wanted.has("status")) {
    const status = [...new Set(wordValues(reading, "status").flatMap((s) => s.split("+")))].filter((s) => InvoiceStatusWordSchema.safeParse(s).success);
    if (status.length > 0) out["status"] = status;
  }
  if (wanted.has("bulk") && out["client"] === undefined && out["project"] === undefined && out["invoice"] === undefined && wordValues(reading, "bulk").length > 0) out["bulk"] = true;
  if (wanted.has("answer")) out["answer"] = wordValues(reading, "answer").length > 0 ? "no" : "yes";
  if (wanted.has("reason")) out["reason"] = wordValues(reading, "reason")[0] ?? "off_topic";
  return out as SlotValues;
}
