import { z } from "zod";
import { InputError } from "../../engine/errors.js";

/**
 * The Plateforme Agréée this company deposits its invoices on: `FACTURATION_PA_URL` (base URL of the
 * XP Z12-013 Flow Service, e.g. https://api.flow.example.com/flow-service), `FACTURATION_PA_TOKEN`
 * (its bearer token) and optionally `FACTURATION_PA_DIRECTORY_URL` (its Directory Service). Without
 * the first two nothing is transmitted. The token is never written to a log, an error or a file.
 */
export interface PaSettings {
  readonly flowUrl: string;
  readonly token: string;
  readonly directoryUrl?: string | undefined;
}

const UrlSchema = z.url({ protocol: /^https?$/, error: "doit être une URL http(s)" });

/** The settings from the environment; `undefined` when no platform is configured; InputError naming the variable when half-set or invalid. */
export function paSettingsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PaSettings | undefined {
  const url = env.FACTURATION_PA_URL?.trim();
  const token = env.FACTURATION_PA_TOKEN?.trim();
  const directory = env.FACTURATION_PA_DIRECTORY_URL?.trim();
  if (!url && !token) return undefined;
  if (!url) throw new InputError("FACTURATION_PA_TOKEN est défini sans l'URL de la plateforme", { field: "FACTURATION_PA_URL" });
  if (!token) throw new InputError("FACTURATION_PA_URL est défini sans le jeton de la plateforme", { field: "FACTURATION_PA_TOKEN" });
  const flow = UrlSchema.safeParse(url);
  if (!flow.success) throw new InputError("doit être l'URL http(s) du service Flow de la plateforme", { field: "FACTURATION_PA_URL" });
  if (directory && !UrlSchema.safeParse(directory).success) throw new InputError("doit être l'URL http(s) du service Annuaire", { field: "FACTURATION_PA_DIRECTORY_URL" });
  return { flowUrl: url.replace(/\/+$/, ""), token, ...(directory ? { directoryUrl: directory.replace(/\/+$/, "") } : {}) };
}

/** How the platform is named to people: its URL without credentials (never the token). */
export function describePlatform(settings: PaSettings): string {
  const url = new URL(settings.flowUrl);
  url.username = "";
  url.password = "";
  return url.toString().replace(/\/$/, "");
}
