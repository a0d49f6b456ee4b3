import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

// Test files start real servers (some in cluster mode), Chromium and LibreOffice: each is several
// processes. On the 2-core machines this runs on, one file at a time is what fits; more cores allow
// more, never more than 4. VITEST_MAX_FORKS overrides.
const forks = Number(process.env.VITEST_MAX_FORKS) || Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));

export default defineConfig({
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
  test: {
    include: ["app/**/*.test.ts", "tests/**/*.test.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: forks, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
