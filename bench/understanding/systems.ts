import type { IsoDate } from "../../engine/dates/plainDate.js";
import type { Catalog } from "../../agents/understanding/catalog.js";
import { currentSystem } from "./currentSystem.js";
import { trainedSystem } from "./trainedSystem.js";
import type { UnderstandingSystem } from "./reading.js";

/** The systems the measurement script can run, by name. */
export const SYSTEMS: Readonly<Record<string, (today: IsoDate, catalog: Catalog) => UnderstandingSystem>> = {
  current: currentSystem,
  trained: trainedSystem,
};
