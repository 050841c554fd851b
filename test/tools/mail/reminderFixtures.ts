import type { ReminderInput, ReminderLevel } from "../../../tools/mail/reminderInput.js";

/** A reminder of invoice FA-2026-0042 (16 200,00 € TTC, due 19 April 2026) at the given level, fresh per call. */
export function reminderInput(level: ReminderLevel, overrides: Partial<ReminderInput> = {}): ReminderInput {
  const asOf = { pre_due: "2026-04-14", r1: "2026-04-26", r2: "2026-05-04", r3: "2026-05-19" }[level];
  return {
    level,
    asOf,
    seller: {
      legalName: "Atelier Numérique SAS",
      email: "compta@atelier-numerique.fr",
      contactName: "Claire Martin, service comptabilité",
      phone: "04 72 00 00 00",
      addressLines: ["12 rue des Lilas", "69003 Lyon"],
      siren: "123456789",
      iban: "FR76 3000 1007 9412 3456 7890 185",
      bic: "BNPAFRPPXXX",
    },
    client: { name: "Acme Études", billingEmail: "factures@acme-etudes.fr" },
    invoice: { number: "FA-2026-0042", issueDate: "2026-03-20", dueDate: "2026-04-19", amountDue: "16200.00", outstanding: "16200.00" },
    ...(level === "r3"
      ? { penalties: { annualRatePercent: "12.15", days: 30, interest: "161.78", fixedIndemnity: "40.00", totalClaimed: "16401.78" } }
      : {}),
    ...overrides,
  };
}

/** A tiny but well-formed-looking PDF: the header and some binary bytes, to check they arrive unchanged. */
export function fakeInvoicePdf(): { filename: string; content: Buffer } {
  const content = Buffer.concat([Buffer.from("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n", "latin1"), Buffer.from([0, 1, 2, 255, 254, 13, 10, 0x80]), Buffer.from("\n%%EOF\n")]);
  return { filename: "Facture FA-2026-0042.pdf", content };
}
