import type { ImportCounts, ImportKind } from "./importContext.js";

/** Singular, plural, and the agreement of the participle ("" masculine, "e" feminine). */
const LABELS: Record<ImportKind, [string, string, "" | "e"]> = {
  seller: ["paramètres de l'entreprise", "paramètres de l'entreprise", ""],
  clients: ["client", "clients", ""],
  projects: ["projet", "projets", ""],
  contracts: ["contrat", "contrats", ""],
  events: ["événement", "événements", ""],
  invoices: ["facture", "factures", "e"],
  payments: ["règlement", "règlements", ""],
  reminders: ["relance", "relances", "e"],
};

/** French summary of an import, one line per kind of record present in the file. */
export function importReport(source: string, counts: ImportCounts, changed: boolean): string {
  const lines: string[] = [];
  for (const kind of Object.keys(LABELS) as ImportKind[]) {
    const { created, unchanged } = counts[kind];
    if (created + unchanged === 0) continue;
    const [one, many, e] = LABELS[kind];
    if (kind === "seller") {
      lines.push(`  ${one} : ${created > 0 ? "enregistrés" : "inchangés"}`);
      continue;
    }
    const parts = [created > 0 ? `${created} ajouté${e}${created > 1 ? "s" : ""}` : "", unchanged > 0 ? `${unchanged} déjà présent${e}${unchanged > 1 ? "s" : ""}` : ""].filter(Boolean);
    lines.push(`  ${created + unchanged > 1 ? many : one} : ${parts.join(", ")}`);
  }
  const head = changed ? `Import de ${source} terminé :` : `Rien de nouveau dans ${source} : tout est déjà en base.`;
  return `${head}\n${lines.join("\n")}\n`;
}
