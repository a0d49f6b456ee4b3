// One Prisma client per process, over better-sqlite3 (WAL, synchronous=NORMAL).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "./env.server";

export type Db = PrismaClient;
/** The client or a transaction client: model functions accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

let client: PrismaClient | undefined;

export function createDb(databasePath: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url: databasePath, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

export function getDb(): PrismaClient {
  client ??= createDb(getEnv().databasePath);
  return client;
}

/** Per-connection settings; journal_mode=WAL itself is persistent and set by the migrator. */
export async function tuneConnection(db: PrismaClient): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

export async function closeDb(): Promise<void> {
  await client?.$disconnect();
  client = undefined;
}
