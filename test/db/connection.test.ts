import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, resolveDataDir } from "../../db/connection.js";
import { numberingSeries } from "../../db/schema/index.js";
import { InputError, SystemError } from "../../engine/errors.js";
import { testBackends } from "./backends.js";

describe("resolveDataDir", () => {
  it("prefers --data-dir, then FACTURATION_DATA_DIR, then ~/.facturation", () => {
    expect(resolveDataDir("/tmp/a", { FACTURATION_DATA_DIR: "/tmp/b" })).toBe("/tmp/a");
    expect(resolveDataDir(undefined, { FACTURATION_DATA_DIR: "/tmp/b" })).toBe("/tmp/b");
    expect(resolveDataDir(undefined, {})).toMatch(/\.facturation$/);
  });
});

describe("openDatabase", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "facturation-conn-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens a PGlite data folder, seeds the numbering series, reopens it idempotently and takes over a stale lock", async () => {
    const first = await openDatabase({ dataDir: dir, env: {} });
    expect(first.backend).toBe("pglite");
    await first.db.update(numberingSeries).set({ lastValue: 7 }).where(undefined);
    await first.close();
    // A lock left by a dead process (pid 2147483646 does not exist) is stale.
    writeFileSync(join(dir, "facturation.lock"), "2147483646\n");
    const second = await openDatabase({ dataDir: dir, env: {} });
    const rows = await second.db.select().from(numberingSeries).orderBy(numberingSeries.id);
    expect(rows.map((r) => [r.id, r.format, r.lastValue])).toEqual([
      ["AV", "AV-{YYYY}-{NNNNN}", 7],
      ["F", "F-{YYYY}-{NNNNN}", 7],
    ]);
    await second.close();
  });

  it("refuses a data folder held by another live process with data_dir_locked naming its pid", async () => {
    writeFileSync(join(dir, "facturation.lock"), `${process.ppid}\n`);
    const error = await openDatabase({ dataDir: dir, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SystemError);
    expect((error as SystemError).code).toBe("data_dir_locked");
    expect((error as SystemError).message).toContain(`pid ${process.ppid}`);
    expect((error as SystemError).message).toContain("DATABASE_URL");
  });
});

describe.each(testBackends())("fresh test database — $name", (backend) => {
  it("is migrated and independent of the others", async () => {
    const a = await backend.fresh();
    const b = await backend.fresh();
    try {
      await a.db.update(numberingSeries).set({ lastValue: 3 }).where(undefined);
      const [rowB] = await b.db.select().from(numberingSeries).limit(1);
      expect(rowB?.lastValue).toBe(0);
      expect(a.backend).toBe(backend.name);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("openDatabase with a malformed DATABASE_URL", () => {
  it("refuses it in French, naming DATABASE_URL and the expected form, never repeating the URL or its password", async () => {
    for (const url of ["postgres://bob:s3cret@localhost:abc/base", "postgres://bob:s3cret@/base%zz", "mysql://bob:s3cret@localhost/base", "bob:s3cret@localhost"]) {
      const error = await openDatabase({ env: { DATABASE_URL: url } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, url).toBeInstanceOf(InputError);
      const { message, field, cause } = error as InputError;
      expect(field).toBe("DATABASE_URL");
      expect(message).toMatch(/^DATABASE_URL : (adresse de serveur PostgreSQL mal formée|n'est pas une adresse de serveur PostgreSQL) \(attendu : postgres:\/\/utilisateur:mot-de-passe@hôte:5432\/base/);
      expect(message).toContain("retirez-la pour utiliser la base intégrée");
      expect(`${message} ${String(cause)}`).not.toContain("s3cret");
    }
  });
});
