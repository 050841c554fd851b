import type { IsoDate } from "../../../engine/dates/plainDate.js";
import { IsoDateSchema } from "../../../engine/wire/isoDate.js";
import { parseInput } from "../../validationError.js";
import { z } from "zod";

const DateParamSchema = z.object({ date: IsoDateSchema.optional() });

/** The `date` query parameter (AAAA-MM-JJ) of an "as of a date" page, else the business day; a bad one is a French InputError naming `date`. */
export function asOfDateOf(url: URL, today: () => IsoDate): IsoDate {
  const raw = url.searchParams.get("date");
  if (raw === null || raw === "") return today();
  return parseInput(DateParamSchema, { date: raw }).date ?? today();
}
