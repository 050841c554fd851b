import { z } from "zod";

/**
 * French company identifiers on the wire (imports): SIREN (9 digits), SIRET (14 digits), both with
 * their Luhn check digit (INSEE), and the intra-community VAT number FR + 2-digit key + SIREN, whose key
 * is (12 + 3 × (SIREN mod 97)) mod 97. Spaces are accepted and removed ("552 100 554").
 */
function luhnValid(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return total % 10 === 0;
}

/** La Poste's SIRETs (SIREN 356000000) follow another rule: the digits sum to a multiple of 5. */
function laPosteSiretValid(siret: string): boolean {
  const total = [...siret].reduce((acc, c) => acc + (c.charCodeAt(0) - 48), 0);
  return total % 5 === 0;
}

const compact = (value: unknown) => (typeof value === "string" ? value.replace(/\s+/g, "") : value);

export const SirenSchema = z.preprocess(
  compact,
  z
    .string({ error: "doit être un texte de 9 chiffres" })
    .regex(/^\d{9}$/, "doit contenir 9 chiffres")
    .refine(luhnValid, "numéro SIREN invalide (clé de contrôle)"),
);

export const SiretSchema = z.preprocess(
  compact,
  z
    .string({ error: "doit être un texte de 14 chiffres" })
    .regex(/^\d{14}$/, "doit contenir 14 chiffres")
    .refine((s) => (s.startsWith("356000000") ? laPosteSiretValid(s) : luhnValid(s)), "numéro SIRET invalide (clé de contrôle)"),
);

/** The French VAT key of a SIREN: FRkk + SIREN. */
export function frenchVatNumber(siren: string): string {
  const key = (12 + 3 * (Number.parseInt(siren, 10) % 97)) % 97;
  return `FR${String(key).padStart(2, "0")}${siren}`;
}

/** A VAT number: French ones are checked against their key; others are 2 letters then 2 to 13 characters. */
export const VatNumberSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s+/g, "").toUpperCase() : v),
  z
    .string({ error: "doit être un texte" })
    .regex(/^[A-Z]{2}[0-9A-Z]{2,13}$/, "numéro de TVA intracommunautaire invalide (ex. FR32123456789)")
    .refine((v) => !v.startsWith("FR") || (/^FR[0-9A-Z]{2}\d{9}$/.test(v) && (!/^FR\d{2}/.test(v) || frenchVatNumber(v.slice(4)) === v)), "numéro de TVA français invalide (clé ou SIREN)"),
);

/** An IBAN, checked with its ISO 13616 mod-97 key. Spaces are removed. */
export const IbanSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s+/g, "").toUpperCase() : v),
  z
    .string({ error: "doit être un texte" })
    .regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, "IBAN invalide (format)")
    .refine((iban) => {
      const rearranged = iban.slice(4) + iban.slice(0, 4);
      const numeric = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
      return BigInt(numeric) % 97n === 1n;
    }, "IBAN invalide (clé de contrôle)"),
);
