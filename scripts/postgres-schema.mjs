// prisma/postgresql/schema.prisma, derived from prisma/schema.prisma: the same models for the
// PostgreSQL client (app/generated/prisma-postgresql). Prisma generates a client per provider, and
// the models are written once; run by `npm install` (postinstall) and by the tests that check the
// PostgreSQL migrations against the schema.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function postgresSchema(source) {
  const swapped = source
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
    // A literal address: the portal passes its own to the adapter; with env() here `prisma generate`
    // tries to download a query engine, which fails offline.
    .replace(/(datasource db \{[^}]*url\s*=\s*)"[^"]*"/, '$1"postgresql://localhost:5432/portal"')
    .replace(/(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/, '$1"../../app/generated/prisma-postgresql"');
  if (!swapped.includes('provider = "postgresql"') || !swapped.includes("prisma-postgresql"))
    throw new Error("prisma/schema.prisma: its datasource or generator block is not as scripts/postgres-schema.mjs expects");
  return `// Derived from ../schema.prisma by scripts/postgres-schema.mjs (npm install): do not edit.\n${swapped}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = fs.readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  fs.mkdirSync(path.join(root, "prisma", "postgresql"), { recursive: true });
  fs.writeFileSync(path.join(root, "prisma", "postgresql", "schema.prisma"), postgresSchema(source));
}
