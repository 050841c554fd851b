import type { Database } from "../db/database.js";

/**
 * The database handle tools and action executors receive (a transaction when executing a
 * confirmed action). Re-exported so tool files import one name from one place.
 */
export type ToolDatabase = Database;
