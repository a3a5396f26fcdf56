// Bench only: compiles bench/typst/bulletin.typ with a generated body through
// @myriaddreamin/typst-ts-node-compiler (a devDependency, never part of duban),
// using duban's own prepared fonts, so both sides set the same text in the same faces.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareFontCache } from '@duban/pdf';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { timeMedian } from '../_lib.js';
import { timedRun } from '../_pdfbench.js';

const here = dirname(fileURLToPath(import.meta.url));
const MAIN = join(here, 'bulletin.typ');

async function fontPaths(): Promise<string[]> {
  return (await prepareFontCache()).map((f) => f.core);
}

/** One compilation to PDF bytes with a compiler that already exists. */
export function compileOnce(compiler: NodeCompiler, body: string): Buffer {
  return compiler.pdf({ mainFilePath: MAIN, inputs: { body } });
}

/** Median ms of a warm compile (compiler, fonts and main file already loaded); writes the PDF to `out`. */
export async function typstWarm(body: string, out: string): Promise<number> {
  const compiler = NodeCompiler.create({ workspace: here, fontArgs: [{ fontPaths: await fontPaths() }] });
  writeFileSync(out, compileOnce(compiler, body));
  // Typst caches by input: a real warm render has new content, so every run changes the body a little.
  let n = 0;
  return timeMedian(() => compileOnce(compiler, `${body}\n#para[${JSON.stringify(String(++n))}]`), 10, 2);
}

/** Wall ms of a new process that loads the compiler and fonts and compiles once. */
export async function typstCold(bodyFile: string, out: string): Promise<number> {
  const script = `import { readFileSync, writeFileSync } from 'node:fs';
    import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
    const c = NodeCompiler.create({ workspace: ${JSON.stringify(here)}, fontArgs: [{ fontPaths: ${JSON.stringify(await fontPaths())} }] });
    writeFileSync(${JSON.stringify(out)}, c.pdf({ mainFilePath: ${JSON.stringify(MAIN)}, inputs: { body: readFileSync(${JSON.stringify(bodyFile)}, 'utf8') } }));`;
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await timedRun(['--input-type=module', '-e', script])).ms);
  return runs.sort((a, b) => a - b)[1]!;
}
