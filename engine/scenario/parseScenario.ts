import { InputError } from "../errors.js";
import { fail, ok, type Result } from "../result.js";
import { checkReferences } from "./checkReferences.js";
import { frenchIssueMessage, inputErrorFromZod } from "./inputErrorFromZod.js";
import { checkReplayHorizon } from "./replayHorizon.js";
import { SCENARIO_FORMAT, ScenarioSchema, type Scenario } from "./scenario.js";

/**
 * Validates a parsed JSON value as a scenario. Never throws: any refusal is an InputError whose
 * message names the field, e.g. `schedule[1].bill.percent : doit être compris entre 0 et 100`.
 * The `format` member is checked first, so a file of another kind gets that one message.
 * Members the format does not know (`name`, `expect`…) are accepted and ignored.
 */
export function parseScenario(json: unknown): Result<Scenario, InputError> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return fail(new InputError("le scénario doit être un objet JSON", { field: "scénario" }));
  }
  if ((json as { format?: unknown }).format !== SCENARIO_FORMAT) {
    return fail(new InputError(`doit valoir « ${SCENARIO_FORMAT} »`, { field: "format" }));
  }
  const parsed = ScenarioSchema.safeParse(json, { error: frenchIssueMessage });
  if (!parsed.success) return fail(inputErrorFromZod(parsed.error, "scénario"));
  const refused = checkReferences(parsed.data, parsed.data.events) ?? checkReplayHorizon(parsed.data.events, parsed.data.until);
  return refused ? fail(refused) : ok(parsed.data);
}
