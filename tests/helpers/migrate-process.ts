export {};

// The PostgreSQL migrations run in a process of its own, as a second server starting would run them:
// prints the names it applied. Usage: tsx tests/helpers/migrate-process.ts <postgresql://…>
const { migratePostgres } = await import("~/utils/migrate.server");
const { applied } = await migratePostgres(process.argv[2]!);
process.stdout.write(JSON.stringify(applied));
