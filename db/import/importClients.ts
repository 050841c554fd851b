import { createClient, findClientByRef } from "../repositories/clients.js";
import type { ImportContext } from "./importContext.js";
import type { ClientImport } from "./importFormat.js";
import { assertSameRecord } from "./recordConflict.js";

/** The client row values the file gives. */
function clientValues(c: ClientImport) {
  return {
    name: c.name,
    siren: c.siren ?? null,
    siret: c.siret ?? null,
    vatNumber: c.vatNumber ?? null,
    addressLine1: c.address.line1,
    addressLine2: c.address.line2 ?? null,
    postalCode: c.address.postalCode,
    city: c.address.city,
    countryCode: c.address.countryCode,
    billingContacts: c.contacts.map((k) => ({ email: k.email, ...(k.name ? { name: k.name } : {}), ...(k.role ? { role: k.role } : {}) })),
    paymentTerms: c.paymentTerms ?? null,
    electronicAddress: c.electronicAddress ?? null,
    notes: c.notes ?? null,
  };
}

/** Creates the clients the database does not have (by `ref`); an identical one is left alone, a different one refused. */
export async function importClients(ctx: ImportContext, clients: readonly ClientImport[]): Promise<void> {
  for (const [i, c] of clients.entries()) {
    const values = clientValues(c);
    const stored = await findClientByRef(ctx.tx, c.ref);
    if (stored) {
      assertSameRecord(`clients[${i}]`, `le client « ${c.ref} »`, values, stored);
      ctx.counts.clients.unchanged += 1;
      continue;
    }
    await createClient(ctx.tx, { ref: c.ref, ...values });
    ctx.counts.clients.created += 1;
  }
}
