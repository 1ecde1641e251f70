#!/usr/bin/env node
// Some registries (such as the mirror this project is built on) lack a few platform-specific
// optional binaries (other OS/CPU builds of rollup, sass-embedded, unrs, msgpackr). `npm install`
// then leaves them out of package-lock.json, and npm ≥ 11.6 `npm ci` refuses the lock as "out of
// sync". This adds a placeholder entry (name, version, optional) for each missing optional
// dependency, which is what a full registry would have recorded; npm skips them on install
// because they are optional and not for this platform.
//   node tools/scripts/complete-lockfile.mjs   (after any `npm install`)
import { readFileSync, writeFileSync } from 'node:fs';

const file = 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;

function resolveFrom(parentPath, name) {
  // Node resolution: look in parent's own node_modules, then walk up.
  let base = parentPath;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i >= 0 ? base.slice(0, i) : '';
  }
}

for (const [path, meta] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolveFrom(path, name)) continue;
    const version = String(spec).replace(/^[\^~=]/, '');
    packages[`node_modules/${name}`] = { version, optional: true };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added ? `Added ${added} placeholder entries for optional dependencies the registry lacks.` : 'Lockfile already complete.');
