import type { InputError, RuleError } from "../errors.js";
import { ok, type Result } from "../result.js";
import { replaySchedule } from "../schedule/replaySchedule.js";
import type { ReplayResult } from "../schedule/scheduleInvoice.js";
import { parseScenario } from "./parseScenario.js";
import type { Scenario } from "./scenario.js";

/** Parses a scenario (a JSON value) and replays it: what `facturation simulate` runs. Never throws on bad input. */
export function simulateScenario(json: unknown): Result<{ scenario: Scenario; result: ReplayResult }, InputError | RuleError> {
  const parsed = parseScenario(json);
  if (!parsed.ok) return parsed;
  const scenario = parsed.value;
  const replayed = replaySchedule({ contract: scenario, events: scenario.events }, { until: scenario.until });
  if (!replayed.ok) return replayed;
  return ok({ scenario, result: replayed.value });
}
