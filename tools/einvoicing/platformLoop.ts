import { isBillingError } from "../../engine/errors.js";
import { depositTransmissions } from "./depositTransmissions.js";
import type { PlatformDeps } from "./platformDeps.js";
import { type SyncOptions, syncLifecycleStatuses } from "./syncLifecycleStatuses.js";

/**
 * The background transmission of `serve` and `chat` when a platform is configured: every
 * `intervalMs`, deposit what the outbox holds (respecting each failure's backoff), then bring the
 * statuses back. A round that fails is logged (French, no token) and the next one tries again.
 */
export function startPlatformLoop(deps: PlatformDeps, options: SyncOptions & { readonly intervalMs?: number | undefined } = {}): { stop(): Promise<void> } {
  const interval = options.intervalMs ?? 60_000;
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = async () => {
    try {
      const sent = await depositTransmissions(deps);
      for (const w of sent.warnings) deps.log(w);
      const synced = await syncLifecycleStatuses(deps, options);
      for (const s of synced.statuses) deps.log(`${s.invoiceNumber} : ${s.statusCode} ${s.label}${s.reason ? ` (${s.reason})` : ""}`);
    } catch (error) {
      deps.log(`transmission à la plateforme interrompue : ${isBillingError(error) ? error.message : error instanceof Error ? error.name : "erreur"} ; nouvel essai dans ${Math.round(interval / 1000)} s`);
    }
  };
  const tick = () => {
    if (stopped || running) return;
    running = round().finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tick, interval);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
