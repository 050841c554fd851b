/** The harness on the demo company, loaded for the suite's demo day, with the harness clock on that day. */
import { loadDemoData } from "../../db/demo/ensureDemoData.js";
import { TOOLS } from "../../tools/index.js";
import { DEMO_TODAY } from "../db/demo/demoDay.js";
import { type Harness, type HarnessOptions, startHarness } from "./harness.js";

export async function startDemoHarness(options: Partial<HarnessOptions> = {}, today: string = DEMO_TODAY): Promise<Harness> {
  const h = await startHarness({ tools: TOOLS, ...options });
  h.clock.now = new Date(`${today}T09:00:00Z`);
  await loadDemoData(h.opened.db, today);
  return h;
}
