import type postgres from "postgres";

/**
 * A postgres.js client whose queries are sent as named prepared statements, in transactions and
 * savepoints too.
 *
 * drizzle's postgres-js session sends every query that is not a drizzle `.prepare()` with
 * `prepare: false`. postgres.js then has to ask the server for the parameter types of each
 * parametrized statement before binding it (Parse + Describe, wait, then Bind + Execute): two round
 * trips per query. With named prepared statements (postgres.js's own default) a statement is
 * described once per connection and every later run is one round trip — which halves the time the
 * issuing transaction holds the numbering series lock.
 *
 * Only statements with at most `MAX_PREPARED_PARAMETERS` parameters are prepared: texts whose length
 * follows the data (multi-row inserts, long `in (…)` lists) would each stay prepared for the life of
 * the connection. `?prepare=false` in DATABASE_URL turns it all off (poolers that do not keep prepared
 * statements, such as PgBouncer before 1.21 in transaction mode).
 */
export const MAX_PREPARED_PARAMETERS = 128;

export function withPreparedStatements<T extends postgres.Sql | postgres.TransactionSql>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === "unsafe" && typeof value === "function") {
        return (query: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          (value as (...args: unknown[]) => unknown).call(
            target,
            query,
            parameters,
            (parameters?.length ?? 0) <= MAX_PREPARED_PARAMETERS ? { ...options, prepare: true } : options,
          );
      }
      if ((property === "begin" || property === "savepoint") && typeof value === "function") {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const scope = args[last];
          if (typeof scope === "function") {
            args[last] = (inner: postgres.TransactionSql) => (scope as (sql: postgres.TransactionSql) => unknown)(withPreparedStatements(inner));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}
