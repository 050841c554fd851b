import { z } from "zod";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { formatEuros, formatPercent } from "../../engine/money/formatEuros.js";
import { toDecimal } from "../../engine/money/money.js";
import { AmountStringSchema, DecimalStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/**
 * What a human approves, built by an action's code FROM THE STORED PAYLOAD (never from model
 * text): the client, the lines, HT / TVA / TTC, the due date, the number series, other facts.
 * The same value feeds the elicitation form, the `facturation confirm` screen and the chat.
 */
export const ActionPreviewSchema = z.object({
  title: z.string(),
  client: z.string(),
  lines: z.array(
    z.object({
      label: z.string(),
      quantity: DecimalStringSchema.optional(),
      unitPrice: DecimalStringSchema.optional(),
      net: AmountStringSchema,
      vatRate: DecimalStringSchema.optional(),
    }),
  ),
  totals: z.object({ net: AmountStringSchema, vat: AmountStringSchema, gross: AmountStringSchema }).optional(),
  dueDate: IsoDateSchema.optional(),
  series: z.string().optional(),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** The amount the finance threshold is compared with (usually the TTC). */
  amountAtStake: AmountStringSchema,
});
export type ActionPreview = z.infer<typeof ActionPreviewSchema>;

const euros = (s: string) => formatEuros(toDecimal(s));

/** French, plain-text rendering of a preview (terminal, elicitation message, chat). */
export function renderActionPreview(preview: ActionPreview): string {
  const out: string[] = [preview.title, `Client : ${preview.client}`];
  if (preview.lines.length > 0) {
    out.push("Lignes :");
    for (const line of preview.lines) {
      const qty = line.quantity !== undefined && line.unitPrice !== undefined ? ` (${line.quantity.replace(".", ",")} × ${euros(line.unitPrice)})` : "";
      const vat = line.vatRate !== undefined ? `, TVA ${formatPercent(toDecimal(line.vatRate))}` : "";
      out.push(`  - ${line.label}${qty} : ${euros(line.net)} HT${vat}`);
    }
  }
  if (preview.totals) {
    out.push(`Total HT : ${euros(preview.totals.net)}`, `TVA : ${euros(preview.totals.vat)}`, `Total TTC : ${euros(preview.totals.gross)}`);
  }
  if (preview.dueDate) out.push(`Échéance : ${formatDateShortFr(preview.dueDate)}`);
  if (preview.series) out.push(`Série de numérotation : ${preview.series}`);
  for (const fact of preview.facts) out.push(`${fact.label} : ${fact.value}`);
  return out.join("\n");
}
