import Table from "cli-table3";

/**
 * A plain table for the terminal and for scripts: box-drawing borders, no colours (the output is
 * also read from pipes and tests), right-aligned columns where asked (amounts, days).
 */
export function textTable(head: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string {
  const table = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    colAligns: head.map((_, index) => (rightAligned.includes(index) ? "right" : "left")),
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}
