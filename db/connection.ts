import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { InputError, SystemError } from "../engine/errors.js";
import { acquireDataDirLock } from "./dataDirLock.js";
import type { Database } from "./database.js";
import { withPreparedStatements } from "./preparedStatements.js";
import * as schema from "./schema/index.js";

export interface OpenDatabaseOptions {
  /** PGlite data folder (the CLI's `--data-dir`). Wins over the environment. */
  readonly dataDir?: string | undefined;
  /** A PostgreSQL server URL. Wins over everything else; also read from `DATABASE_URL`. */
  readonly databaseUrl?: string | undefined;
  /** An in-memory PGlite (tests, simulations): nothing is written to disk. */
  readonly memory?: boolean | undefined;
  /** Pool size on a PostgreSQL server (default 10). */
  readonly maxConnections?: number | undefined;
  /** An in-memory PGlite loaded from a `snapshot()` of another one (fast fresh databases in tests). */
  readonly snapshot?: Blob | undefined;
  /** Apply migrations on open (default true). */
  readonly migrate?: boolean | undefined;
  /** Environment to read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface OpenedDatabase {
  readonly db: Database;
  readonly backend: "pglite" | "postgres";
  /** Where the data lives: the data folder, ":memory:" or the server URL without its password. */
  readonly location: string;
  close(): Promise<void>;
  /** PGlite only: a dump of the whole database, to open copies with `{ snapshot }`. */
  snapshot?: () => Promise<Blob>;
}

/** The migrations folder, from the source tree or from a build under dist/. */
export function migrationsFolder(): string {
  const candidates = [
    fileURLToPath(new URL("./migrations/", import.meta.url)),
    fileURLToPath(new URL("../../db/migrations/", import.meta.url)),
  ];
  const found = candidates.find((c) => existsSync(join(c, "meta", "_journal.json")));
  if (!found) throw new SystemError("migrations introuvables (dossier db/migrations)", { code: "migrations_missing" });
  return found;
}

/**
 * Where PGlite keeps its data: `--data-dir`, else `FACTURATION_DATA_DIR`, else `~/.facturation`.
 */
export function resolveDataDir(dataDir: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (dataDir) return resolve(dataDir);
  if (env.FACTURATION_DATA_DIR) return resolve(env.FACTURATION_DATA_DIR);
  return join(homedir(), ".facturation");
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://…";
  }
}

const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * The driver's client for `url`, or a French refusal naming DATABASE_URL when the driver cannot read the URL
 * (never repeating it: it may hold a password; the driver's own error, which carries the input, is dropped).
 */
function postgresClient(url: string, options: postgres.Options<Record<string, postgres.PostgresType>>) {
  const malformed = (what: string) =>
    new InputError(
      `${what} (attendu : postgres://utilisateur:mot-de-passe@hôte:5432/base, les caractères spéciaux du mot de passe écrits en %XX) ; corrigez la variable, ou retirez-la pour utiliser la base intégrée`,
      { field: "DATABASE_URL", code: "invalid_database_url" },
    );
  if (!/^postgres(ql)?:\/\//i.test(url)) throw malformed("n'est pas une adresse de serveur PostgreSQL");
  try {
    return postgres(url, options);
  } catch {
    throw malformed("adresse de serveur PostgreSQL mal formée");
  }
}

/**
 * Opens the database and applies pending migrations (idempotent).
 * Precedence: `databaseUrl` option; `dataDir` option; `memory`; `DATABASE_URL`; `FACTURATION_DATA_DIR`; `~/.facturation`.
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? (options.dataDir || options.memory ? undefined : env.DATABASE_URL);
  if (url) return openPostgres(url, options);
  return openPglite(options.memory || options.snapshot ? undefined : resolveDataDir(options.dataDir, env), options);
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  // Prepared statements (db/preparedStatements.ts) save the Describe round trip; each run is still planned
  // for its own parameters, as an unprepared query was (no generic plan after five runs).
  const client = postgresClient(url, { max: options.maxConnections ?? 10, onnotice: () => {}, connection: { plan_cache_mode: "force_custom_plan" } });
  try {
    if (options.migrate !== false) {
      // Several instances may start together: serialise migrations with a session advisory lock
      // held on a dedicated single connection.
      const migrator = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await migrator`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: migrator }), { migrationsFolder: migrationsFolder() });
        await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await migrator.end({ timeout: 5 });
      }
    }
  } catch (error) {
    await client.end({ timeout: 1 });
    throw asConnectionError(error, redactUrl(url));
  }
  const db = drizzlePostgres({ client: withPreparedStatements(client), schema }) as unknown as Database;
  return {
    db,
    backend: "postgres",
    location: redactUrl(url),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string | undefined, options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
  let client: PGlite | undefined;
  try {
    client = dataDir
      ? new PGlite(join(dataDir, "pgdata"))
      : new PGlite(options.snapshot ? { loadDataDir: options.snapshot } : {});
    await client.waitReady;
    const pg = drizzlePglite({ client, schema });
    if (options.migrate !== false) await migratePglite(pg, { migrationsFolder: migrationsFolder() });
    const opened = client;
    return {
      db: pg as unknown as Database,
      backend: "pglite",
      location: dataDir ?? ":memory:",
      snapshot: () => opened.dumpDataDir("none"),
      close: async () => {
        try {
          if (!opened.closed) await opened.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    try {
      if (client && !client.closed) await client.close();
    } finally {
      release();
    }
    throw asConnectionError(error, dataDir ?? ":memory:");
  }
}

function asConnectionError(error: unknown, where: string): Error {
  if (error instanceof SystemError) return error;
  return new SystemError(`impossible d'ouvrir la base de données (${where}) : ${error instanceof Error ? error.message : String(error)}`, {
    code: "database_unavailable",
    cause: error,
  });
}
