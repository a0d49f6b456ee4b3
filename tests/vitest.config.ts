import fs from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

// Test files start real servers (some in cluster mode), Chromium and LibreOffice: each is several
// processes. On the 2-core machines this runs on, one file at a time is what fits; more cores allow
// more, never more than 4. VITEST_MAX_FORKS overrides.
const forks = Number(process.env.VITEST_MAX_FORKS) || Math.min(4, Math.max(1, Math.floor(availableParallelism() / 2)));

// The integration tests that open the app's database through useFreshDatabase, or start the
// production server (tests/helpers/server.ts), run a second time on PostgreSQL: a throwaway server
// per file (tests/helpers/database.ts, postgres.ts). The postgres-* files start their own PostgreSQL
// and run once. Files not listed in `sqliteOnly` must pass on both; a file's SQLite-only tests skip
// themselves with `onPostgres`. PostgreSQL missing: skipped with a line here, except under CI=true,
// where tests/helpers/postgres.ts makes it a failure.
const integration = path.join(root, "tests/integration");
const sqliteOnly: Record<string, string> = {};
const onBothDatabases = fs
  .readdirSync(integration)
  .filter((f) => f.endsWith(".test.ts") && !f.startsWith("postgres-") && !(f in sqliteOnly))
  .filter((f) => /useFreshDatabase\(|startServer\(/.test(fs.readFileSync(path.join(integration, f), "utf8")))
  .map((f) => `tests/integration/${f}`);
// The browser tests too, every one: they read and prepare the server's database through its
// neutral handle (server.db) like the files above. (passage-reader opens no database; it runs
// twice all the same, so that no e2e file is left out by a list to keep.)
const e2e = path.join(root, "tests/e2e");
const e2eOnBothDatabases = fs
  .readdirSync(e2e)
  .filter((f) => f.endsWith(".test.ts"))
  .map((f) => `tests/e2e/${f}`);
const postgresInstalled =
  fs.existsSync("/usr/lib/postgresql") &&
  fs.readdirSync("/usr/lib/postgresql").some((v) => Number(v) >= 15 && fs.existsSync(`/usr/lib/postgresql/${v}/bin/initdb`));
if (!postgresInstalled && process.env.CI !== "true") {
  console.warn("PostgreSQL 15 hoặc mới hơn chưa được cài (gói Debian postgresql): các bài kiểm thử tích hợp chỉ chạy trên SQLite.");
}

const shared = {
  root,
  resolve: { alias: { "~": path.join(root, "app") } },
};
const testOptions = { testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  ...shared,
  test: {
    // One pool for both projects: the files of both share the forks above.
    pool: "forks",
    poolOptions: { forks: { maxForks: forks, minForks: 1 } },
    projects: [
      { ...shared, test: { ...testOptions, name: "sqlite", include: ["app/**/*.test.ts", "tests/**/*.test.ts"] } },
      ...(postgresInstalled || process.env.CI === "true"
        ? [
            {
              ...shared,
              test: { ...testOptions, name: "postgresql", include: [...onBothDatabases, ...e2eOnBothDatabases], env: { TEST_DATABASE: "postgresql" } },
            },
          ]
        : []),
    ],
  },
});
