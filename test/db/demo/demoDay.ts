/**
 * The business day the suite loads the demo company for (`demo --today`, FACTURATION_TODAY, `loadDemoData(db, day)`):
 * the demo is dated relative to the day it is generated, so a test that reads its numbers, statuses or amounts
 * pins this day instead of the clock. On it the five overdue invoices are 3, 10, 20, 40 and 70 days late.
 */
export const DEMO_TODAY = "2026-11-25";
