import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config db/drizzle.config.ts` writes SQL migrations to db/migrations. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
