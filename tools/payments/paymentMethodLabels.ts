import type { PaymentMethod } from "../../db/repositories/recordPayment.js";

/** How a payment method reads in French (previews, answers). */
export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  transfer: "virement",
  cheque: "chèque",
  direct_debit: "prélèvement",
  card: "carte bancaire",
  cash: "espèces",
  other: "autre",
};
