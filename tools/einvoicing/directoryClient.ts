import { z } from "zod";
import { PlatformCallError } from "./flowServiceClient.js";

/**
 * A client of the XP Z12-013 Directory Service (« AFNOR Directory Service » 1.1.0): the electronic
 * address of a buyer, found by SIREN (and SIRET when known) with `POST /v1/directory-line/search` (the spec offers only « contains » on a SIREN: the lines of another SIREN are dropped).
 */
const DirectoryLineSchema = z.object({ addressingIdentifier: z.string().optional(), siren: z.string().optional(), siret: z.string().optional() });
const SearchResponseSchema = z.object({ results: z.array(DirectoryLineSchema).optional() });

export interface DirectoryClient {
  /** The addressing identifier (scheme 0225) of the company, or `undefined` when the directory does not know it. */
  electronicAddress(siren: string, siret?: string | undefined): Promise<string | undefined>;
}

export function directoryClient(options: { readonly baseUrl: string; readonly token: string; readonly timeoutMs?: number | undefined; readonly fetch?: typeof fetch | undefined }): DirectoryClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async electronicAddress(siren, siret) {
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/v1/directory-line/search`, {
          method: "POST",
          headers: { Authorization: `Bearer ${options.token}`, "Content-Type": "application/json", Accept: "application/json", "Accept-Language": "fr" },
          body: JSON.stringify({ filters: { siren: { op: "contains", value: siren } }, fields: ["addressingIdentifier", "siren", "siret"], limit: 50 }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
      } catch {
        throw new PlatformCallError({ kind: "retryable", message: "annuaire injoignable" });
      }
      if (response.status === 404) return undefined;
      if (!response.ok) {
        const kind = response.status === 429 || response.status >= 500 ? ("retryable" as const) : ("refused" as const);
        throw new PlatformCallError({ kind, httpStatus: response.status, message: `l'annuaire a répondu ${response.status}` });
      }
      const parsed = SearchResponseSchema.safeParse(await response.json().catch(() => undefined));
      const lines = parsed.success ? (parsed.data.results ?? []) : [];
      const mine = lines.filter((l) => !l.siren || l.siren === siren);
      const best = (siret ? mine.find((l) => l.siret === siret) : undefined) ?? mine.find((l) => !l.siret) ?? mine[0];
      return best?.addressingIdentifier;
    },
  };
}
