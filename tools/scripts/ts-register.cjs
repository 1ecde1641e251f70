/**
 * Runs the workspace's TypeScript tools from source (`node -r ./tools/scripts/ts-register.cjs tool.ts`, see
 * tools/db/run-ts.sh): each `.ts` file is transpiled by the TypeScript compiler (no type check: `npm run typecheck`
 * does that) and `@cx/*` imports resolve through the path aliases of tools/tsconfig.json.
 * Instead of ts-node because ts-node loads Node's `repl`, and with it `domain`, which slows every EventEmitter of
 * the process: the benchmark's API, which runs from source this way, used 4–7 % more CPU per request under it.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const project = path.resolve(__dirname, '../tsconfig.json');
const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(project, ts.sys.readFile).config, ts.sys, path.dirname(project));
const compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false };

require('tsconfig-paths').register({
  baseUrl: parsed.options.baseUrl ?? path.resolve(__dirname, '../..'),
  paths: parsed.options.paths ?? {},
});

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
