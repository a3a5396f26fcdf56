import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createPdfRenderer } from '@duban/pdf';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './_support/cli.js';

// A child process that renders once and then either exits without close() or waits to be signalled.
const SCRIPT = `
import { createPdfRenderer } from '@duban/pdf';
const pdf = createPdfRenderer();
await pdf.renderHtml('<html><head></head><body><p>x</p></body></html>', process.env.OUT);
process.stdout.write('ready\\n');
// Wait for the test to look at the running browser, then exit without close() (or wait for a signal).
process.stdin.once('data', () => { if (process.env.MODE === 'exit') process.exit(0); });
setInterval(() => {}, 1000);
`;

/** Chromium processes whose command line mentions `dir` (their profile lives under it). */
function browsersUnder(dir: string): string[] {
  const r = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(dir) && /chrom/i.test(l));
}

function runChild(
  mode: 'exit' | 'signal',
  tmp: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      {
        cwd: ROOT,
        env: { ...process.env, TMPDIR: tmp, MODE: mode, OUT: join(tmp, 'x.pdf') },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let err = '';
    let running = 0;
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('ready')) return;
      running = browsersUnder(tmp).length;
      if (mode === 'signal') child.kill('SIGTERM');
      else child.stdin.write('go\n');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (running === 0) reject(new Error(`the browser was not running when the child was ready\n${err}`));
      else if (code === 0 || mode === 'signal') resolve({ code, signal });
      else reject(new Error(err));
    });
  });
}

/** Browser processes started by this process (the renderer launches them as direct children). */
function ownBrowsers(): string[] {
  const r = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => /chrom/i.test(l));
}

describe('warming up', () => {
  const tmp = tempDir('duban-warm-');
  afterAll(() => tmp.cleanup());

  it('warmUp({ untilStarted }) returns once the browser process runs, and the next render uses it', async () => {
    const pdf = createPdfRenderer({ progress: false });
    try {
      expect(ownBrowsers()).toEqual([]);
      await pdf.warmUp({ untilStarted: true });
      const running = ownBrowsers();
      expect(running).toHaveLength(1);
      const r = await pdf.renderHtml('<html><head></head><body><p>督查</p></body></html>', join(tmp.dir, 'w.pdf'));
      expect(r.pages).toBe(1);
      expect(ownBrowsers()).toEqual(running); // the same browser, no second launch
    } finally {
      await pdf.close();
    }
    expect(ownBrowsers()).toEqual([]);
  });

  it('a browser that cannot start ends the wait and is reported by the render, with its code', async () => {
    const pdf = createPdfRenderer({ browser: '/bin/false', progress: false });
    try {
      await pdf.warmUp({ untilStarted: true });
      await expect(pdf.renderHtml('<html><body><p>x</p></body></html>', join(tmp.dir, 'f.pdf'))).rejects.toMatchObject({
        code: 'DUBAN_PDF_BROWSER_START',
      });
    } finally {
      await pdf.close();
    }
  });
});

describe('the browser never outlives the process', () => {
  const tmp = tempDir('duban-life-');
  afterAll(() => tmp.cleanup());

  it('is killed and its profile removed when the process exits without close()', async () => {
    const dir = join(tmp.dir, 'exit');
    spawnSync('mkdir', ['-p', dir]);
    await runChild('exit', dir);
    await new Promise((r) => setTimeout(r, 500));
    expect(browsersUnder(dir)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.startsWith('duban-chromium-'))).toEqual([]);
  });

  it('is killed when the process gets SIGTERM', async () => {
    const dir = join(tmp.dir, 'signal');
    spawnSync('mkdir', ['-p', dir]);
    // The process still dies of the signal (default behaviour kept), after killing its browser.
    expect(await runChild('signal', dir)).toEqual({ code: null, signal: 'SIGTERM' });
    await new Promise((r) => setTimeout(r, 500));
    expect(browsersUnder(dir)).toEqual([]);
  });
});
