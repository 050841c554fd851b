import { asc, eq } from "drizzle-orm";
import { NotFoundError } from "../../engine/errors.js";
import type { LegalParty } from "../../engine/invoice/invoiceDocument.js";
import type { Database } from "../database.js";
import { type ClientRow, type NewClientRow, clients } from "../schema/clients.js";

export type Client = ClientRow;
export type ClientInput = Omit<NewClientRow, "id" | "createdAt">;

export async function createClient(db: Database, input: ClientInput): Promise<Client> {
  const [row] = await db.insert(clients).values(input).returning();
  if (!row) throw new NotFoundError("client non enregistré");
  return row;
}

export async function updateClient(db: Database, id: number, changes: Partial<ClientInput>): Promise<Client> {
  const [row] = await db.update(clients).set(changes).where(eq(clients.id, id)).returning();
  if (!row) throw new NotFoundError(`client ${id} introuvable`, { field: "clientId" });
  return row;
}

export async function findClient(db: Database, id: number): Promise<Client | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id));
  return row;
}

export async function getClient(db: Database, id: number): Promise<Client> {
  const row = await findClient(db, id);
  if (!row) throw new NotFoundError(`client ${id} introuvable`, { field: "clientId" });
  return row;
}

export async function findClientByRef(db: Database, ref: string): Promise<Client | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.ref, ref));
  return row;
}

export async function listClients(db: Database): Promise<Client[]> {
  return db.select().from(clients).orderBy(asc(clients.name), asc(clients.id));
}

/** The client as an invoice's buyer. */
export function buyerParty(c: Client): LegalParty {
  return {
    legalName: c.name,
    siren: c.siren ?? undefined,
    siret: c.siret ?? undefined,
    vatNumber: c.vatNumber ?? undefined,
    address: { line1: c.addressLine1, line2: c.addressLine2 ?? undefined, postalCode: c.postalCode, city: c.city, countryCode: c.countryCode },
    email: c.billingContacts[0]?.email,
    electronicAddress: c.electronicAddress ?? undefined,
  };
}
