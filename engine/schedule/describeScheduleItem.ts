import type { ScheduleItem } from "../scenario/scheduleItem.js";

/** A short French description of an échéance, for status tables and chat: "30 % — à la signature". */
export function describeScheduleItem(item: ScheduleItem): string {
  const { bill, trigger } = item;
  const what =
    bill.percent !== undefined
      ? `${bill.percent.replace(".", ",")} % du prix`
      : bill.amount !== undefined
        ? `montant fixe de ${bill.amount.replace(".", ",")} €`
        : bill.realized !== undefined
          ? bill.realized === "summary" ? "réalisé (récapitulatif)" : "réalisé (détaillé)"
          : bill.progress === "global" ? "avancement global des lots" : "avancement par lot";
  const when = {
    signature: () => "à la signature",
    start: () => "au démarrage réel",
    action: () => `à l'action « ${"name" in trigger ? trigger.name : ""} »`,
    state: () => `à l'état « ${"name" in trigger ? trigger.name : ""} »`,
    event: () => `à l'événement « ${"name" in trigger ? trigger.name : ""} »`,
    end_of_month: () => "en fin de mois",
  }[trigger.on]();
  const flags = [item.deductible ? "acompte à déduire" : "", item.closing ? "solde" : ""].filter(Boolean);
  return `${item.label ? `${item.label} : ` : ""}${what} — ${when}${flags.length ? ` (${flags.join(", ")})` : ""}`;
}
