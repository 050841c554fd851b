/**
 * Measures the offline understanding on labelled request sets (JSONL, agents/understanding/intent-catalogue.md):
 * exact routing, exact intent + slots, in-scope requests refused, out-of-scope requests acted on,
 * latency per request and the model's start-up.
 *
 *   npx tsx bench/understanding/measure.ts [--system NAME] [--today 2026-11-25] [--misses] FILE.jsonl...
 *
 * Aggregates only unless --misses is given (a blind set is measured without looking at its examples).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { demoCatalog } from "./demoCatalog.js";
import { parseLabelledRequests, type LabelledRequest } from "./labelledRequest.js";
import type { UnderstandingSystem } from "./reading.js";
import { slotDifferences } from "./slotEquality.js";
import { SYSTEMS } from "./systems.js";

interface Figures {
  readonly file: string;
  readonly requests: number;
  readonly routingExact: number;
  readonly labelled: number;
  readonly intentSlotsExact: number;
  readonly intentExact: number;
  readonly inScope: number;
  readonly inScopeRefused: number;
  readonly outOfScope: number;
  readonly outOfScopeActedOn: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly misses: string[];
}

const pct = (n: number, d: number) => (d === 0 ? "—" : `${((100 * n) / d).toFixed(1)} %`);

export function measure(system: UnderstandingSystem, file: string, requests: readonly LabelledRequest[]): Figures {
  let routingExact = 0, labelled = 0, intentSlotsExact = 0, intentExact = 0, inScope = 0, inScopeRefused = 0, outOfScope = 0, outOfScopeActedOn = 0;
  const times: number[] = [];
  const misses: string[] = [];
  for (const r of requests) {
    const start = performance.now();
    const got = system.read(r.text, r.context ?? []);
    times.push(performance.now() - start);
    const routed = JSON.stringify(got.agents) === JSON.stringify(r.agents);
    if (routed) routingExact++;
    const oos = r.intent === "out_of_scope" || (r.intent === undefined && r.agents.length === 0);
    if (oos) {
      outOfScope++;
      if (got.agents.length > 0) outOfScopeActedOn++;
    } else if (r.agents.length > 0) {
      inScope++;
      if (got.agents.length === 0) inScopeRefused++;
    }
    let why = routed ? "" : ` agents ${JSON.stringify(got.agents)}`;
    if (r.intent !== undefined) {
      labelled++;
      const sameIntent = got.intent === r.intent;
      const diff = sameIntent ? slotDifferences(r.intent, r.slots ?? {}, got.slots) : [];
      if (sameIntent) intentExact++;
      if (sameIntent && diff.length === 0) intentSlotsExact++;
      else why += sameIntent ? ` slots ${diff.map((k) => `${k}=${JSON.stringify(got.slots[k])}`).join(" ")}` : ` intent ${got.intent}`;
    }
    if (why !== "") misses.push(`${JSON.stringify(r.text)}${r.context ? ` (après ${JSON.stringify(r.context)})` : ""} →${why}`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const meanMs = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  const p99Ms = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return { file, requests: requests.length, routingExact, labelled, intentSlotsExact, intentExact, inScope, inScopeRefused, outOfScope, outOfScopeActedOn, meanMs, p99Ms, misses };
}

function main(argv: readonly string[]): void {
  let systemName = "current";
  let today = "2026-11-25";
  let showMisses = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--system") systemName = argv[++i] ?? "";
    else if (arg === "--today") today = argv[++i] ?? "";
    else if (arg === "--misses") showMisses = true;
    else files.push(arg);
  }
  const make = SYSTEMS[systemName];
  if (make === undefined || files.length === 0) {
    console.error(`usage: measure.ts [--system ${Object.keys(SYSTEMS).join("|")}] [--today YYYY-MM-DD] [--misses] FILE.jsonl...`);
    process.exit(2);
  }
  const catalog = demoCatalog(today);
  const t0 = performance.now();
  const system = make(today, catalog);
  system.read("bonjour", []);
  const startupMs = performance.now() - t0;
  console.log(`system: ${system.name}; today ${today}; start-up (build + first request) ${startupMs.toFixed(1)} ms`);
  console.log("| set | n | routing exact | intent exact | intent + slots exact | in-scope refused | out-of-scope acted on | mean ms | p99 ms |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const all: Figures[] = [];
  for (const file of files) {
    const f = measure(system, file, parseLabelledRequests(readFileSync(file, "utf8"), file));
    all.push(f);
    console.log(
      `| ${file.split("/").at(-1)} | ${f.requests} | ${pct(f.routingExact, f.requests)} | ${pct(f.intentExact, f.labelled)} | ${pct(f.intentSlotsExact, f.labelled)} | ${pct(f.inScopeRefused, f.inScope)} (${f.inScopeRefused}) | ${f.outOfScopeActedOn}/${f.outOfScope} | ${f.meanMs.toFixed(3)} | ${f.p99Ms.toFixed(3)} |`,
    );
  }
  if (showMisses) for (const f of all) if (f.misses.length > 0) console.log(`\n## ${f.file}: ${f.misses.length} misses\n${f.misses.join("\n")}`);
}

main(process.argv.slice(2));
