/**
 * `npm run bench [-- --scale 0.05] [--backend pglite|postgres|both]`: generates the synthetic company
 * (10 000 projects, 200 000 invoices, 1 000 000 time entries at scale 1), then measures on each backend
 * (a) month-end régie preparation, (b) aging + DSO + alerts — each beside the plain SQL a DBA would
 * write, answers compared —, (c) issuing throughput with 8 concurrent issuers and (d) the web
 * dashboard as a signed-in person gets it. Prints a table and
 * writes bench/results.md. PostgreSQL: DATABASE_URL, else a throwaway server (like the test harness).
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import Table from "cli-table3";
import postgres from "postgres";
import { openDatabase, type OpenedDatabase } from "../db/connection.js";
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayServer } from "../test/db/postgresServer.js";
import { FULL_SIZE, generateBenchData } from "./generate.js";
import { createDrafts, issueConcurrently } from "./issuingThroughput.js";
import { monthEndByEngine, monthEndBySql } from "./monthEndPreparation.js";
import { agingByEngine, agingBySql } from "./receivablesAging.js";
import { dashboardByWorkspace } from "./workspaceDashboard.js";

const TODAY = "2026-11-25";
const WORKERS = 8;

interface Row {
  backend: string;
  measure: string;
  ours: string;
  plainSql: string;
  ratio: string;
  note: string;
}

function args() {
  const argv = process.argv.slice(2);
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = Number.parseFloat(value("--scale") ?? "1");
  const backend = value("--backend") ?? "both";
  const issues = Number.parseInt(value("--issues") ?? "2400", 10);
  const fullSnapshotLimit = Number.parseInt(value("--full-snapshot-limit") ?? "1000000", 10);
  return { scale, backend, issues, fullSnapshotLimit, command: `npm run bench -- ${argv.join(" ")}`.trim() };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} Mo`;

/** Best of `runs` timings of `work` (the first run warms caches); returns the result of the last run. */
async function timed<T>(work: () => Promise<T>, runs = 3): Promise<{ ms: number; value: T }> {
  let best = Number.POSITIVE_INFINITY;
  let value: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await work();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value: value as T };
}

async function benchBackend(name: "pglite" | "postgres", opened: OpenedDatabase, copy: postgres.Sql | undefined, scale: number, issues: number, fullSnapshotLimit: number, rows: Row[]) {
  const size = { projects: Math.round(FULL_SIZE.projects * scale), invoices: Math.round(FULL_SIZE.invoices * scale), timeEntries: Math.round(FULL_SIZE.timeEntries * scale) };
  const target = { db: opened.db, copy };
  let t = performance.now();
  const counts = await generateBenchData(target, size, TODAY);
  const generation = performance.now() - t;
  rows.push({ backend: name, measure: "génération", ours: ms(generation), plainSql: "", ratio: "", note: `${counts.projects} projets, ${counts.invoices} factures, ${counts.payments} règlements, ${counts.timeEntries} temps (${copy ? "COPY" : "INSERT multi-lignes"})` });

  const engineA = await timed(() => monthEndByEngine(opened.db, TODAY));
  const sqlA = await timed(() => monthEndBySql(opened.db, TODAY));
  const sameA = engineA.value.size === sqlA.value.size && [...engineA.value].every(([k, v]) => sqlA.value.get(k) === v);
  rows.push({ backend: name, measure: "(a) préparation régie fin de mois", ours: ms(engineA.ms), plainSql: ms(sqlA.ms), ratio: `${(engineA.ms / sqlA.ms).toFixed(2)}×`, note: `${engineA.value.size} factures de régie ; réponses ${sameA ? "identiques" : "DIFFÉRENTES"}` });

  const sqlB = await timed(() => agingBySql(opened.db, TODAY));
  const { alerts: _sqlAlerts, ...figuresSql } = sqlB.value;
  const variants = [
    { label: "(b) balance âgée + DSO + alertes — outils suivi-paiements (positions agrégées en SQL + moteur)", path: "production" as const },
    { label: "(b) balance âgée + DSO + alertes — instantané complet (tous documents et règlements) + moteur", path: "snapshot" as const },
  ];
  for (const v of variants) {
    if (v.path === "snapshot" && counts.invoices > fullSnapshotLimit) {
      rows.push({ backend: name, measure: v.label, ours: "non mesuré", plainSql: ms(sqlB.ms), ratio: "", note: `au-delà de ${fullSnapshotLimit} factures (--full-snapshot-limit)` });
      continue;
    }
    const engineB = await timed(() => agingByEngine(opened.db, TODAY, { path: v.path }), v.path === "production" ? 3 : 1);
    const { alerts, ...figuresB } = engineB.value;
    const sameB = JSON.stringify(figuresB) === JSON.stringify(figuresSql);
    rows.push({
      backend: name,
      measure: v.label,
      ours: ms(engineB.ms),
      plainSql: ms(sqlB.ms),
      ratio: `${(engineB.ms / sqlB.ms).toFixed(2)}×`,
      note: `encours ${figuresB.outstanding} €, ${figuresB.overdueCount} en retard, ${alerts} alertes ; réponses ${sameB ? "identiques" : `DIFFÉRENTES ${JSON.stringify(figuresSql)}`}`,
    });
  }

  const dashboard = await dashboardByWorkspace(opened.db, TODAY);
  rows.push({
    backend: name,
    measure: "(d) tableau de bord web (page entière, connecté)",
    ours: ms(dashboard.page),
    plainSql: "",
    ratio: "",
    note: `objectif < 2000 ms ; dont list_ready_to_invoice seul ${ms(dashboard.readyToInvoice)} ; ${(dashboard.bytes / 1024).toFixed(0)} ko de HTML avec 3 graphiques SVG`,
  });

  const ids = await createDrafts(target, issues, 50_000_000, counts.clients, TODAY);
  const elapsed = await issueConcurrently(opened.db, ids, WORKERS, TODAY);
  rows.push({ backend: name, measure: `(c) émission, ${WORKERS} émetteurs concurrents`, ours: `${((issues * 1000) / elapsed).toFixed(0)} factures/s`, plainSql: "", ratio: "", note: `${issues} factures en ${ms(elapsed)} (transaction d'émission réelle)` });
}

async function main() {
  const { scale, backend, issues, fullSnapshotLimit, command } = args();
  const rows: Row[] = [];
  const started = new Date();
  const startLoad = loadavg().map((l) => l.toFixed(1)).join(" / ");
  if (backend === "pglite" || backend === "both") {
    const opened = await openDatabase({ memory: true });
    try {
      await benchBackend("pglite", opened, undefined, scale, issues, fullSnapshotLimit, rows);
    } finally {
      await opened.close();
    }
  }
  if (backend === "postgres" || backend === "both") {
    let server: ThrowawayServer | undefined;
    let url = process.env.DATABASE_URL;
    if (!url) {
      const bins = findPostgresBinaries();
      if (!bins) throw new Error("PostgreSQL absent : définissez DATABASE_URL ou installez PostgreSQL");
      server = await startThrowawayPostgres(bins);
      const admin = postgres(server.url("postgres"), { max: 1, onnotice: () => {} });
      await admin.unsafe("create database bench");
      await admin.end();
      url = server.url("bench");
    }
    const opened = await openDatabase({ databaseUrl: url, maxConnections: WORKERS + 2 });
    const copy = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await benchBackend("postgres", opened, copy, scale, issues, fullSnapshotLimit, rows);
    } finally {
      await copy.end();
      await opened.close();
      server?.stop();
    }
  }
  clearInterval(sampler);
  const usage = process.resourceUsage();
  const table = new Table({ head: ["Base", "Mesure", "Notre code", "SQL simple", "Rapport", "Détail"], style: { head: [], border: [] } });
  for (const r of rows) table.push([r.backend, r.measure, r.ours, r.plainSql, r.ratio, r.note]);
  const memory = `Mémoire : pic RSS ${mb(peakRss)} (échantillonné), maxRSS ${mb(usage.maxRSS * 1024)} (resourceUsage)`;
  process.stdout.write(`${table.toString()}\n${memory}\n`);
  const machine = `${cpus().length} cœurs (${cpus()[0]?.model ?? "?"}), ${mb(totalmem())} de mémoire, Node ${process.version}, charge moyenne au départ ${startLoad}, à la fin ${loadavg().map((l) => l.toFixed(1)).join(" / ")} (1 / 5 / 15 min)`;
  const md = [
    "# Banc d'essai",
    "",
    `Commande : \`${command}\` — échelle ${scale} (1 = 10 000 projets, 200 000 factures, 1 000 000 temps), le ${started.toISOString().slice(0, 10)}.`,
    `Machine : ${machine}. PostgreSQL : ${process.env.DATABASE_URL ? "DATABASE_URL" : "serveur jetable (fsync off, comme la suite de tests)"} ; PGlite en mémoire.`,
    "",
    "| Base | Mesure | Notre code | SQL simple | Rapport | Détail |",
    "|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.backend} | ${r.measure} | ${r.ours} | ${r.plainSql} | ${r.ratio} | ${r.note} |`),
    "",
    memory,
    "",
    "Temps : meilleur de 3 exécutions. (a) relit les contrats de régie et leurs temps non facturés puis rejoue chaque échéancier avec le moteur, " +
      "contre un `group by` SQL ; (b) ce que font les outils suivi-paiements : positions par facture agrégées en SQL (ouvertes ou échues dans la période, " +
      "chiffre d'affaires de la période, dernière relance), puis balance âgée, KPI, alertes et relances par le moteur — et, pour comparaison, l'instantané " +
      "complet de tous les documents et règlements — contre une requête SQL unique ; (d) la page du tableau de bord web, servie par le vrai serveur HTTP à une personne connectée (objectif : moins de 2 s) ; (c) émet des brouillons par la vraie transaction d'émission (numéro, écriture, audit) avec 8 émetteurs concurrents. " +
      "Le banc exécute le JavaScript compilé par tsc, comme la CLI.",
    "",
  ].join("\n");
  // Run compiled from dist-bench/bench/: the results go beside the sources, in bench/.
  writeFileSync(fileURLToPath(new URL("../../bench/results.md", import.meta.url)), md);
}

main().catch((error: unknown) => {
  clearInterval(sampler);
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
