import { z } from "zod";
import { isIsoDate } from "../dates/plainDate.js";

/** A calendar date on the wire: "YYYY-MM-DD", and a real date. */
export const IsoDateSchema = z
  .string({ error: "doit être une date AAAA-MM-JJ" })
  .refine(isIsoDate, { message: "doit être une date valide au format AAAA-MM-JJ" });
