import { resolveDataDir } from "../../db/connection.js";

/** Where a confirmed reminder goes: the SMTP server of `SMTP_URL`, else the outbox of the data folder. */
export interface ReminderDeliverySettings {
  /** Data folder; the outbox is `<dataDir>/outbox/`. */
  readonly dataDir: string;
  /** `SMTP_URL` (`smtp://user:password@host:port`); unset: the local outbox. */
  readonly smtpUrl?: string | undefined;
}

let configured: ReminderDeliverySettings | undefined;

/**
 * Set by whoever opens the data folder (the tool runtime, `facturation confirm`) when it knows better
 * than the environment, e.g. `--data-dir`. Tests set it per test; `undefined` restores the default.
 */
export function configureReminderDelivery(settings: ReminderDeliverySettings | undefined): void {
  configured = settings;
}

/** The configured settings, else `SMTP_URL` and the data folder of `FACTURATION_DATA_DIR` (or ~/.facturation). */
export function reminderDeliverySettings(env: Readonly<Record<string, string | undefined>> = process.env): ReminderDeliverySettings {
  if (configured) return configured;
  const smtpUrl = env.SMTP_URL?.trim();
  return { dataDir: resolveDataDir(undefined, env), ...(smtpUrl ? { smtpUrl } : {}) };
}

/** Configures delivery for a process that opened `dataDir` (after `--data-dir` / FACTURATION_DATA_DIR) with `SMTP_URL`. */
export function configureReminderDeliveryFor(dataDir: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): void {
  const smtpUrl = env.SMTP_URL?.trim();
  configureReminderDelivery({ dataDir: resolveDataDir(dataDir, env), ...(smtpUrl ? { smtpUrl } : {}) });
}
