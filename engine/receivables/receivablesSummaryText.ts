import { formatDateShortFr } from "../dates/plainDate.js";
import { DUNNING_LEVEL_LABELS } from "../dunning/dunningLevel.js";
import { formatEuros } from "../money/formatEuros.js";
import { AGING_BUCKET_LABELS, AGING_BUCKETS } from "./agingReport.js";
import type { ReceivablesSummary } from "./receivablesSummary.js";

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? "s" : ""}`;

/**
 * The short French text face of a receivables summary, for people (the structured face is
 * `receivablesSummaryToWire`). Figures come from the summary only; nothing is computed here but
 * formatting.
 */
export function receivablesSummaryText(s: ReceivablesSummary): string {
  const total = s.aging.overall.total;
  const overdue = s.invoices.filter((r) => r.status === "overdue");
  const lines: string[] = [];
  if (total.count === 0) {
    lines.push(`Au ${formatDateShortFr(s.asOf)} : aucune facture en attente de paiement.`);
  } else {
    const late = overdue.length === 0 ? "aucune en retard" : `dont ${formatEuros(s.kpis.overdueAmount)} échus sur ${plural(overdue.length, "facture")} en retard`;
    lines.push(`Au ${formatDateShortFr(s.asOf)} : ${formatEuros(total.amount)} à encaisser sur ${plural(total.count, "facture")}, ${late}.`);
    const buckets = AGING_BUCKETS.filter((b) => s.aging.overall.buckets[b].count > 0).map(
      (b) => `${AGING_BUCKET_LABELS[b]} ${formatEuros(s.aging.overall.buckets[b].amount)} (${s.aging.overall.buckets[b].count})`,
    );
    lines.push(`Balance âgée : ${buckets.join(" · ")}.`);
    if (s.aging.overall.disputed.count > 0) {
      lines.push(`En litige : ${formatEuros(s.aging.overall.disputed.amount)} sur ${plural(s.aging.overall.disputed.count, "facture")}.`);
    }
  }
  lines.push(`Indicateurs du ${formatDateShortFr(s.period.from)} au ${formatDateShortFr(s.period.to)} :`);
  for (const k of s.kpis.kpis) lines.push(`- ${k.alert ? "ALERTE " : k.onTarget ? "" : "à surveiller "}${k.message}`);
  if (s.alerts.length > 0) {
    lines.push("Alertes :");
    for (const a of s.alerts) lines.push(`- [${a.severity}] ${a.message}`);
  }
  const toSend = s.dunning.filter((d) => d.step.dueNow !== null);
  if (toSend.length > 0) {
    lines.push("Relances à préparer aujourd'hui :");
    for (const d of toSend) lines.push(`- ${d.number} : ${d.step.dueNow === null ? "" : DUNNING_LEVEL_LABELS[d.step.dueNow]}`);
  }
  return lines.join("\n");
}
