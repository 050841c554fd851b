import { ZERO } from "../money/money.js";
import type { AgingBucket, AgingCell, AgingRow } from "./agingReport.js";

/** The overdue outstanding beyond 30, 60 and 90 days (encours échus +30 / +60 / +90), from the aging buckets. */
export interface OverdueBeyond {
  readonly days: 30 | 60 | 90;
  readonly amount: AgingCell["amount"];
  readonly count: number;
}

const BEYOND: readonly { readonly days: OverdueBeyond["days"]; readonly buckets: readonly AgingBucket[] }[] = [
  { days: 30, buckets: ["d31_60", "d61_90", "over_90"] },
  { days: 60, buckets: ["d61_90", "over_90"] },
  { days: 90, buckets: ["over_90"] },
];

/** Cumulative: "+30" is everything more than 30 days late (31–60, 61–90 and over 90), and so on. */
export function overdueBeyond(row: AgingRow): readonly OverdueBeyond[] {
  return BEYOND.map(({ days, buckets }) => ({
    days,
    amount: buckets.reduce((acc, b) => acc.plus(row.buckets[b].amount), ZERO),
    count: buckets.reduce((acc, b) => acc + row.buckets[b].count, 0),
  }));
}
