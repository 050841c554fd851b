import type { Database } from "../db/database.js";
import { directoryClient } from "../tools/einvoicing/directoryClient.js";
import { flowServiceClient } from "../tools/einvoicing/flowServiceClient.js";
import { describePlatform, paSettingsFromEnv } from "../tools/einvoicing/paSettings.js";
import type { PlatformDeps } from "../tools/einvoicing/platformDeps.js";
import { startPlatformLoop } from "../tools/einvoicing/platformLoop.js";
import { proposeCreditNoteOnRefusal, type ProposedCorrection } from "../tools/einvoicing/refusalCreditNote.js";
import type { ToolRuntime } from "../tools/server/toolRuntime.js";
import type { Session } from "../tools/session.js";

/**
 * The Plateforme Agréée as this process is configured to reach it (FACTURATION_PA_URL,
 * FACTURATION_PA_TOKEN, FACTURATION_PA_DIRECTORY_URL), or `undefined`: then nothing is transmitted.
 */
export function platformDepsFromEnv(
  db: Database,
  options: { readonly env?: Readonly<Record<string, string | undefined>>; readonly actor: string; readonly channel: string; readonly log: (line: string) => void; readonly now?: () => Date },
): (PlatformDeps & { readonly description: string }) | undefined {
  const settings = paSettingsFromEnv(options.env ?? process.env);
  if (!settings) return undefined;
  return {
    db,
    flows: flowServiceClient({ baseUrl: settings.flowUrl, token: settings.token }),
    directory: settings.directoryUrl ? directoryClient({ baseUrl: settings.directoryUrl, token: settings.token }) : undefined,
    now: options.now ?? (() => new Date()),
    actor: options.actor,
    channel: options.channel,
    log: options.log,
    description: describePlatform(settings),
  };
}

/** Starts the background transmission of `serve` / `chat` when a platform is configured; returns its stop (or nothing). */
export function startBackgroundPlatform(runtime: ToolRuntime, session: Session, log: (line: string) => void, env: Readonly<Record<string, string | undefined>> = process.env) {
  const deps = platformDepsFromEnv(runtime.opened.db, { env, actor: "plateforme-agreee", channel: session.channel, log, now: runtime.deps.now });
  if (!deps) return undefined;
  const proposed: ProposedCorrection[] = [];
  const onRefused = proposeCreditNoteOnRefusal({ db: runtime.opened.db, confirmation: runtime.deps, session, today: runtime.deps.today, proposed });
  log(`transmission des factures à la plateforme ${deps.description}`);
  return startPlatformLoop(deps, {
    onRefused: async (number, reason) => {
      await onRefused(number, reason);
      const last = proposed.at(-1);
      if (last) log(`${number} refusée par le client : avoir total proposé (facturation confirm ${last.pendingActionId})`);
    },
    intervalMs: Number.parseInt(env.FACTURATION_PA_INTERVAL_SECONDS ?? "60", 10) * 1000 || 60_000,
  });
}
