import { spawnSync } from 'node:child_process';
import { isDubanError } from '@duban/core';
import type { Command } from 'commander';
import type { CliEnv } from '../_env.js';

/** One line of the doctor's findings. */
interface Finding {
  item: string;
  ok: boolean;
  detail: string;
  install?: string;
}

function tool(cmd: string, args: string[]): string | null {
  // poppler prints its version on stderr; mutool on stdout.
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return null;
  return (
    `${r.stdout ?? ''}\n${r.stderr ?? ''}`
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? cmd
  );
}

/** Registers `duban doctor [--json]`: browser, font roles and PDF tools, with what to install. */
export function register(program: Command, env: CliEnv): void {
  program
    .command('doctor')
    .description('check what PDF rendering needs: the browser, a font for each official role, poppler/mupdf')
    .option('--json', 'print the findings as JSON')
    .action(async (opts: { json?: boolean }) => {
      const pdf = await import('@duban/pdf');
      const config = env.config();
      const browser: Record<string, unknown> = {};
      const findings: Finding[] = [];
      try {
        const found = pdf.findBrowser(config.browser);
        const version = pdf.browserVersion(found.path);
        Object.assign(browser, { ok: version !== null, path: found.path, source: found.source, version });
        findings.push({
          item: 'browser',
          ok: version !== null,
          detail: `${version ?? 'does not run'} (${found.path}, from ${found.source})`,
          install: version ? undefined : 'apt-get install chromium, or set DUBAN_BROWSER',
        });
      } catch (e) {
        if (!isDubanError(e)) throw e;
        Object.assign(browser, { ok: false, error: e.message, hint: e.hint });
        findings.push({ item: 'browser', ok: false, detail: e.message, install: e.hint });
      }
      const fonts = config.fonts; // paths already resolved against the config file
      const roles = [];
      for (const role of pdf.FONT_ROLES) {
        const info = pdf.ROLE_INFO[role];
        try {
          const f = pdf.resolveRole(role, { fonts });
          roles.push({
            role,
            label: info.label,
            ok: true,
            official: f.official,
            family: f.family,
            file: f.file,
            substitute: f.substitute,
            install: f.substitute ? info.install : undefined,
          });
          findings.push({
            item: `font ${info.label}`,
            ok: true,
            detail: `${f.family} (${f.file}) ${f.substitute ? `— open substitute for ${f.official}` : '— official font'}`,
            install: f.substitute ? info.install : undefined,
          });
        } catch (e) {
          if (!isDubanError(e)) throw e;
          roles.push({
            role,
            label: info.label,
            ok: false,
            official: info.official,
            error: e.message,
            install: e.hint,
          });
          findings.push({ item: `font ${info.label}`, ok: false, detail: e.message, install: e.hint });
        }
      }
      const tools = {
        pdffonts: tool('pdffonts', ['-v']),
        pdftotext: tool('pdftotext', ['-v']),
        mutool: tool('mutool', ['-v']),
      };
      for (const [name, version] of Object.entries(tools)) {
        // Only checking PDFs needs these; rendering does not, so they never fail the doctor.
        findings.push({
          item: name,
          ok: true,
          detail: version ?? 'not installed (optional: apt-get install poppler-utils mupdf-tools to check PDFs)',
        });
      }
      const ok = findings.every((f) => f.ok);
      if (opts.json) env.json({ ok, browser, fonts: roles, tools });
      else {
        for (const f of findings) {
          env.out(`${f.ok ? 'ok  ' : 'FAIL'} ${f.item}: ${f.detail}`);
          if (f.install) env.out(`     ${f.ok ? 'official font' : 'to fix'}: ${f.install}`);
        }
        env.out(ok ? 'PDF rendering is ready.' : 'PDF rendering is NOT ready: install what is listed above.');
      }
      if (!ok) process.exitCode = 3;
    });
}
