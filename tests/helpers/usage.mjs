// Preloaded into a measured child process: writes its peak resident memory (KiB, Linux) and CPU
// time (ms, user and system) as JSON to USAGE_FILE when it exits normally.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (!process.env.USAGE_FILE) return;
  const u = process.resourceUsage();
  writeFileSync(process.env.USAGE_FILE, JSON.stringify({ maxRssKiB: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
});
