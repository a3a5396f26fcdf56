// Preloaded into a child process (node --import) to report its peak resident set size on exit.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `\n[rss-probe] ${process.resourceUsage().maxRSS}\n`));
