/**
 * Builds the baseline app: the project's sources with every deep provider import rewritten to a
 * root import (see rewrite-imports.ts), transpiled like tools/build.js does, into a folder of
 * its own. A `node_modules` link to the project's makes the same packages resolve.
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parseNamespaceExports, rewriteDeepImports, type NamespaceIndex } from './rewrite-imports';

export const PROVIDER_PACKAGES = ['@cdktf/provider-aws', '@cdktf/provider-azurerm'] as const;

/** The sources tools/build.js transpiles, root-relative. */
export function projectSources(root: string): { ts: string[]; json: string[] } {
  const listed = spawnSync(process.execPath, [path.join(root, 'tools', 'build.js'), '--list'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`tools/build.js --list failed: ${listed.stderr}`);
  return JSON.parse(listed.stdout) as { ts: string[]; json: string[] };
}

/** The namespace exports of each provider package's root index. */
export function providerNamespaces(root: string): NamespaceIndex {
  return new Map(
    PROVIDER_PACKAGES.map((pkg) => {
      const manifest = require.resolve(`${pkg}/package.json`, { paths: [root] });
      const index = readFileSync(path.join(path.dirname(manifest), 'lib', 'index.d.ts'), 'utf8');
      return [pkg, parseNamespaceExports(index)];
    }),
  );
}

/** The project's compiler options, adjusted for emit as tools/build.js does. */
export function emitOptions(root: string): ts.CompilerOptions {
  const file = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const { options } = ts.convertCompilerOptionsFromJson(read.config.compilerOptions ?? {}, root, file);
  return { ...options, noEmit: false, declaration: false, sourceMap: false, inlineSourceMap: false };
}

export interface BaselineBuild {
  readonly files: number;
  /** Import declarations rewritten to a root import. */
  readonly rewritten: number;
  readonly ms: number;
}

const DEEP_REQUIRE = new RegExp(
  `require\\(["'](?:${PROVIDER_PACKAGES.map((p) => p.replace(/[/@-]/g, '\\$&')).join('|')})/lib/`,
);

export function buildBaseline(root: string, outdir: string): BaselineBuild {
  const start = process.hrtime.bigint();
  const sources = projectSources(root);
  const index = providerNamespaces(root);
  const options = emitOptions(root);
  let rewritten = 0;
  for (const source of sources.ts) {
    const file = path.join(root, source);
    const rewrite = rewriteDeepImports(readFileSync(file, 'utf8'), source, index);
    rewritten += rewrite.rewritten;
    const output = ts.transpileModule(rewrite.text, { fileName: file, compilerOptions: options }).outputText;
    if (DEEP_REQUIRE.test(output)) throw new Error(`baseline: ${source} still requires a deep provider path`);
    const out = path.join(outdir, source.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, output);
  }
  for (const source of sources.json) {
    const out = path.join(outdir, source);
    mkdirSync(path.dirname(out), { recursive: true });
    copyFileSync(path.join(root, source), out);
  }
  if (rewritten === 0) throw new Error('baseline: no deep provider import found to rewrite; it would equal the app');
  symlinkSync(path.join(root, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
  return { files: sources.ts.length, rewritten, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
