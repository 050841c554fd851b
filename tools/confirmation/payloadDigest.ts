/**
 * Kept only as an alias for callers not yet migrated (tools/reminders/sendReminder.ts): there is
 * ONE digest formula, `actionDigest` in db/canonicalDigest.ts. New code imports that.
 */
export { actionDigest as payloadDigest } from "../../db/canonicalDigest.js";
