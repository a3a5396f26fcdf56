// Preloaded into a child process (node --import) to report its peak resident set size
// (KB) and CPU time (µs, user + system) on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  writeSync(2, `\n[rss-probe] ${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}\n`);
});
