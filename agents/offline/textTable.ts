import Table from "cli-table3";

/**
 * A plain table for the terminal and for scripts: box-drawing borders, no colours (the output is
 * also read from pipes and tests), right-aligned columns where asked (amounts, days), and long
 * text wrapped on words in the columns given a width (`widths[index]`, borders included).
 */
export function textTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
  widths: Readonly<Record<number, number>> = {},
): string {
  const wrapped = Object.keys(widths).length > 0;
  const table = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, index) => (rightAligned.includes(index) ? "right" : "left")),
    ...(wrapped ? { wordWrap: true, colWidths: head.map((_, index) => widths[index] ?? null) } : {}),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
