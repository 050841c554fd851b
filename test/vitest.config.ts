import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/buildCli.ts", "test/db/globalSetup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // vitest's default on 2 cores is one worker (cores − 1): the suite then runs file after file while most files
    // wait on the processes they spawn (CLI, servers, Chromium). Three workers: 10 min instead of about 17 on the
    // 2-core CI machine, the whole suite green.
    maxWorkers: 3,
  },
});
