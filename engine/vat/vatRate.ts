import { z } from "zod";

/** The French VAT rates the product knows, as decimal strings (percent). */
export const VAT_RATES = ["20", "10", "5.5", "2.1", "0"] as const;
export const VatRateSchema = z.enum(VAT_RATES, { error: "taux de TVA inconnu (20, 10, 5.5, 2.1 ou 0)" });
export type VatRate = z.infer<typeof VatRateSchema>;

/**
 * Reasons a 0 % line is exempt, with their EN 16931 VAT category (BT-118) and exemption
 * reason code (BT-121, VATEX list). The French text is what the invoice prints.
 */
export const VAT_EXEMPTIONS = {
  formation: {
    category: "E",
    // Vocational training is exempt under art. 132(1)(i) of Directive 2006/112 (VATEX-EU-132);
    // VATEX-FR-FRANCHISE is the franchise en base of art. 293 B only.
    code: "VATEX-EU-132",
    text: "Exonération de TVA, article 261-4-4° du CGI (formation professionnelle continue)",
  },
  franchise: {
    category: "E",
    code: "VATEX-FR-FRANCHISE",
    text: "TVA non applicable, article 293 B du CGI",
  },
  autoliquidation: {
    category: "AE",
    code: "VATEX-EU-AE",
    text: "Autoliquidation",
  },
  intracommunautaire: {
    category: "K",
    code: "VATEX-EU-IC",
    text: "Exonération de TVA, article 262 ter I du CGI (prestation intracommunautaire)",
  },
  export: {
    category: "G",
    code: "VATEX-EU-G",
    text: "Exonération de TVA, article 262 I du CGI (exportation)",
  },
} as const;
export const VatExemptionSchema = z.enum(Object.keys(VAT_EXEMPTIONS) as [keyof typeof VAT_EXEMPTIONS, ...(keyof typeof VAT_EXEMPTIONS)[]], {
  error: "motif d'exonération inconnu (formation, franchise, autoliquidation, intracommunautaire, export)",
});
export type VatExemption = z.infer<typeof VatExemptionSchema>;

/** EN 16931 VAT category code (BT-118) for a rate and an optional exemption. */
export function vatCategory(rate: VatRate, exemption?: VatExemption): "S" | "E" | "AE" | "K" | "G" | "Z" {
  if (rate !== "0") return "S";
  return exemption ? VAT_EXEMPTIONS[exemption].category : "Z";
}
