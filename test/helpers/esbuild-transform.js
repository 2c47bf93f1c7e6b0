/**
 * Jest's TypeScript transformer: esbuild strips the types of one file at a time, as ts-jest's
 * transpile-only mode did, at a fraction of the cost (no TypeScript compiler to load in each
 * worker). The whole tree is type-checked by `npm run build`; `isolatedModules` in tsconfig.json
 * makes tsc reject what a file-by-file transpiler could get wrong.
 *
 * The source map goes inline: jest reads it from there for stack traces and coverage.
 */
'use strict';

const { createHash } = require('crypto');
const { readFileSync } = require('fs');
const path = require('path');
const esbuild = require('esbuild');

const tsconfigText = readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8');

/** Emit as tsc would for this tsconfig: its target decides the class fields' semantics. */
const options = {
  loader: 'ts',
  format: 'cjs',
  target: 'es2022',
  platform: 'node',
  sourcemap: 'inline',
  tsconfigRaw: tsconfigText,
};

/** What the output depends on besides a file's text and path: a change to any re-transforms every file. */
const transformerKey = createHash('sha1')
  .update(readFileSync(module.filename))
  .update(esbuild.version)
  .update(tsconfigText)
  .digest('hex');

module.exports = {
  process(sourceText, sourcePath) {
    const { code } = esbuild.transformSync(sourceText, { ...options, sourcefile: sourcePath });
    return { code };
  },

  getCacheKey(sourceText, sourcePath, transformOptions) {
    return createHash('sha1')
      .update(transformerKey)
      .update(transformOptions.configString)
      .update(transformOptions.instrument ? 'instrument' : '')
      .update(sourcePath)
      .update(sourceText)
      .digest('hex');
  },
};
