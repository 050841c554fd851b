import { date, integer, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Numbering series: "F" (invoices and deposits) and "AV" (credit notes) by default. The issuing
 * transaction locks the series row (SELECT … FOR UPDATE), so numbers are gapless and chronological
 * even with concurrent issuers. `period` is the value of the date tokens of the format for the last
 * number (e.g. "2026"); the counter restarts at 1 when it changes.
 */
export const numberingSeries = pgTable("numbering_series", {
  id: text("id").primaryKey(),
  label: text("label").notNull(),
  /** Tokens: {YYYY}, {YY}, {MM}, {N…} (counter, zero-padded to the number of N). */
  format: text("format").notNull(),
  period: text("period"),
  lastValue: integer("last_value").notNull().default(0),
  lastNumber: text("last_number"),
  lastIssueDate: date("last_issue_date", { mode: "string" }),
});

export type NumberingSeriesRow = typeof numberingSeries.$inferSelect;
