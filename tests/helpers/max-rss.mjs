// Preloaded into a CLI process by runCli({ measureMemory: true }): writes the process's peak
// resident memory (KiB, Linux) to MAX_RSS_FILE when it exits, however it exits normally.
import { writeFileSync } from "node:fs";

process.on("exit", () => {
  if (process.env.MAX_RSS_FILE) writeFileSync(process.env.MAX_RSS_FILE, String(process.resourceUsage().maxRSS));
});
