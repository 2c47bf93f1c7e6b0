/**
 * Builds the baseline app: the project's sources with every deep provider import rewritten to a
 * root import (see rewrite-imports.ts), bundled by esbuild like the app, but with packages left
 * out of the bundle: loaded from node_modules at run time, as an app that imports provider roots
 * loads them, every resource module of the package. A `node_modules` link to the project's makes
 * the same packages resolve from the baseline's folder.
 */
import * as esbuild from 'esbuild';
import { readFileSync, symlinkSync } from 'fs';
import * as path from 'path';
import { parseNamespaceExports, rewriteDeepImports, type NamespaceIndex } from './rewrite-imports';

export const PROVIDER_PACKAGES = ['@cdktf/provider-aws', '@cdktf/provider-azurerm'] as const;

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

export interface BaselineBuild {
  /** Project sources bundled. */
  readonly files: number;
  /** Import declarations rewritten to a root import. */
  readonly rewritten: number;
  readonly ms: number;
}

const DEEP_REQUIRE = new RegExp(
  `require\\(["'](?:${PROVIDER_PACKAGES.map((p) => p.replace(/[/@-]/g, '\\$&')).join('|')})/lib/`,
);

/** Rewrites each project source esbuild loads; counts what it did in `counts`. */
function rootImportsPlugin(root: string, index: NamespaceIndex, counts: { files: number; rewritten: number }) {
  return {
    name: 'root-provider-imports',
    setup(build: esbuild.PluginBuild) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = path.relative(root, args.path);
        const rewrite = rewriteDeepImports(readFileSync(args.path, 'utf8'), source, index);
        counts.files += 1;
        counts.rewritten += rewrite.rewritten;
        return { contents: rewrite.text, loader: 'ts' as const };
      });
    },
  };
}

export async function buildBaseline(root: string, outdir: string): Promise<BaselineBuild> {
  const start = process.hrtime.bigint();
  const counts = { files: 0, rewritten: 0 };
  const outfile = path.join(outdir, 'main.js');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    plugins: [rootImportsPlugin(root, providerNamespaces(root), counts)],
    logLevel: 'silent',
  });
  if (counts.rewritten === 0)
    throw new Error('baseline: no deep provider import found to rewrite; it would equal the app');
  if (DEEP_REQUIRE.test(readFileSync(outfile, 'utf8')))
    throw new Error('baseline: the bundle still requires a deep provider path');
  symlinkSync(path.join(root, 'node_modules'), path.join(outdir, 'node_modules'), 'dir');
  return { ...counts, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
