#!/usr/bin/env node
// Writes a Brotli (.br) and a gzip (.gz) copy beside each text file of a built web app, once at build time, so that
// the API serves them to browsers that accept them (@fastify/static `preCompressed`) without compressing per request.
// Usage: node tools/scripts/precompress.mjs dist/apps/web/browser
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.xml', '.webmanifest']);
/** Below this, the headers outweigh what compression saves. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (TEXT.has(extname(entry.name))) yield path;
  }
}

const root = process.argv[2];
if (!root) {
  console.error('Usage: precompress.mjs <built web app directory>');
  process.exit(2);
}
let before = 0;
let afterBr = 0;
let count = 0;
const started = Date.now();
const jobs = [];
for await (const path of files(root)) {
  jobs.push(
    (async () => {
      const data = await readFile(path);
      if (data.length < MIN_BYTES) return;
      const [br, gzipped] = await Promise.all([
        brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
        gz(data, { level: 9 }),
      ]);
      // A copy no smaller than the file is not worth sending.
      if (br.length < data.length) await writeFile(`${path}.br`, br);
      if (gzipped.length < data.length) await writeFile(`${path}.gz`, gzipped);
      before += data.length;
      afterBr += Math.min(br.length, data.length);
      count++;
    })(),
  );
}
await Promise.all(jobs);
console.log(
  `Precompressed ${count} files in ${root}: ${(before / 1024).toFixed(0)} kB → ${(afterBr / 1024).toFixed(0)} kB with Brotli (${Date.now() - started} ms).`,
);
