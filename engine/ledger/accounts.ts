/**
 * The accounts of the French chart of accounts (Plan comptable général) the journal uses.
 *
 * VAT on services is due at payment (TVA sur les encaissements, art. 269-2-c CGI) unless the seller
 * opted for debits:
 * - invoice:      D 411 amount due (TTC) / C 706 net (HT) / C 44574 VAT (TVA collectée en attente)
 * - deposit:      D 411 TTC / C 4191 net (avance reçue) / C 44574 VAT
 * - final invoice deducting deposits: D 411 TTC / D 4191 deducted deposit nets / C 706 gross work net / C 44574 VAT
 * - credit note:  the reverse (C 411 / D 706 — or D 4191 when it corrects a deposit — / D VAT): the VAT comes
 *                 off 44574 up to what the corrected invoice still has pending there, and off 44571 for the
 *                 part its payments had already made due (`creditNoteVatSplit`)
 * - payment:      D 512 amount / C 411 per allocated invoice / C 411 unallocated remainder (overpayment:
 *                 the client account stays in credit until refunded or allocated), and the paid share of the
 *                 pending VAT is transferred: D 44574 / C 44571 (TVA collectée, now due).
 * With the option for debits (`vatOnDebits`), invoices post VAT straight to 44571 and payments transfer nothing.
 */
export const ACCOUNTS = {
  clients: "411",
  depositsReceived: "4191",
  services: "706",
  vatPending: "44574",
  vatCollected: "44571",
  bank: "512",
} as const;

export type AccountCode = (typeof ACCOUNTS)[keyof typeof ACCOUNTS];

export const ACCOUNT_LABELS: Readonly<Record<AccountCode, string>> = {
  "411": "Clients",
  "4191": "Clients - avances et acomptes reçus sur commandes",
  "706": "Prestations de services",
  "44574": "TVA collectée en attente (encaissements)",
  "44571": "TVA collectée",
  "512": "Banque",
};
