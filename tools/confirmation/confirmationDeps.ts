import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { ActionRegistry } from "./actionRegistry.js";
import type { ConfirmationPolicySource } from "./confirmationPolicy.js";
import type { ConfirmationStore } from "./confirmationStore.js";

/** Everything the gate needs, injected (the clock included, so tests control expiry). */
export interface ConfirmationDeps {
  readonly store: ConfirmationStore;
  readonly actions: ActionRegistry;
  /** Read at each proposal and confirmation (the finance threshold lives in the seller settings). */
  readonly policy: ConfirmationPolicySource;
  readonly now: () => Date;
  readonly today: () => IsoDate;
  /** The web page where a person confirms this action out of band (`facturation serve`), when one is served. */
  readonly confirmationUrl?: ((actionId: string) => string | undefined) | undefined;
}
