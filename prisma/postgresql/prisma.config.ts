// Prisma CLI configuration for PostgreSQL: the client generated from schema.prisma here (itself
// derived from ../schema.prisma by scripts/postgres-schema.mjs), and `prisma migrate diff` against
// a database, which the tests use to prove that the checked-in PostgreSQL migrations make exactly
// the schema. The portal applies those migrations itself (app/utils/migrate.server.ts).
//
// Through @prisma/adapter-pg the schema engine fails to read PostgreSQL's catalog ("Column type
// 'name' could not be deserialized", prisma/orm#27403): the adapter has no mapping for the
// catalog's own `name` and `"char"` types. Below, pg hands those columns over as text.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
// @ts-expect-error pg ships no types for its Result module
import Result from "pg/lib/result.js";
import { defineConfig } from "prisma/config";

const connectionString = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : "postgresql://localhost:5432/portal";
const CATALOG_TEXT_TYPES = new Set([18, 19]); // "char", name
const TEXT = 25;
// Every result's field descriptions, before pg and the adapter read them (this config runs in the
// Prisma CLI's process only, never in the portal's).
const addFields = Result.prototype.addFields;
Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
  for (const field of fields) if (CATALOG_TEXT_TYPES.has(field.dataTypeID)) field.dataTypeID = TEXT;
  return addFields.call(this, fields);
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  adapter: async () => new PrismaPg({ connectionString }),
});
