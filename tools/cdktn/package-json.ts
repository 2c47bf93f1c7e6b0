/**
 * The project's package.json as it reads under CDK Terrain (cdktn). Pure: manifest in, manifest
 * out, with a note for each change.
 */

/** The cdktn release this project was measured against, and what it needs. */
export const CDKTN = {
  /** cdktf's packages, by dependency field, and what replaces each. */
  replaces: {
    dependencies: {
      cdktf: { name: 'cdktn', version: '0.24.0' },
      '@cdktf/provider-aws': { name: '@cdktn/provider-aws', version: '25.7.0' },
      '@cdktf/provider-azurerm': { name: '@cdktn/provider-azurerm', version: '16.1.0' },
    },
    devDependencies: {
      'cdktf-cli': { name: 'cdktn-cli', version: '0.24.0' },
    },
  },
  /** cdktn 0.24 declares `constructs >=10.6.0 <10.8.0`. */
  constructs: '10.6.0',
  /** The cdktn CLI refuses older Node; `@cdktn/provider-aws` declares 22.11 or later. */
  node: '22.19.0',
} as const;

type Field = keyof typeof CDKTN.replaces;
type Dependencies = Record<string, string>;

export interface PackageJson {
  dependencies?: Dependencies;
  devDependencies?: Dependencies;
  overrides?: Record<string, unknown>;
  scripts?: Record<string, string>;
  engines?: Record<string, string>;
  [key: string]: unknown;
}

export interface PackageJsonMove {
  readonly pkg: PackageJson;
  /** What changed, one line each, for the report. */
  readonly notes: readonly string[];
}

/** `cdktf` as a command word in an npm script, e.g. `CHECKPOINT_DISABLE=1 cdktf synth`. */
const CDKTF_COMMAND = /(^|[\s;&|()])cdktf(?=$|\s)/g;

/**
 * Swaps cdktf's packages for cdktn's (throws when the manifest lacks one), raises `constructs`,
 * renames the CLI in scripts and requires the Node the cdktn CLI needs. Overrides resolve two
 * peer dependencies npm cannot: `@cdktn/provider-azurerm` 16.1.0 asks for `cdktn ^0.23.0`, of which
 * no release exists, and a `@cdktf/provider-*` package without a cdktn build asks for `cdktf`,
 * which an npm alias points at cdktn.
 */
export function cdktnPackageJson(original: PackageJson): PackageJsonMove {
  const pkg = structuredClone(original);
  const notes: string[] = [];
  for (const field of Object.keys(CDKTN.replaces) as Field[]) {
    const deps: Dependencies = { ...pkg[field] };
    for (const [from, to] of Object.entries(CDKTN.replaces[field])) {
      if (!deps[from]) throw new Error(`package.json: ${field} has no "${from}" to replace with ${to.name}`);
      notes.push(`${from} ${deps[from]} -> ${to.name} ${to.version}`);
      delete deps[from];
      deps[to.name] = to.version;
    }
    pkg[field] = deps;
  }
  const deps = pkg.dependencies ?? {};
  if (deps.constructs !== CDKTN.constructs) {
    notes.push(`constructs ${deps.constructs ?? '(none)'} -> ${CDKTN.constructs}`);
    deps.constructs = CDKTN.constructs;
  }

  const cdktn = CDKTN.replaces.dependencies.cdktf;
  const overrides: Record<string, unknown> = { ...pkg.overrides, '@cdktn/provider-azurerm': { cdktn: '$cdktn' } };
  const unmoved = Object.keys(deps).filter((name) => name.startsWith('@cdktf/provider-'));
  for (const name of unmoved) {
    overrides[name] = { cdktf: `npm:${cdktn.name}@${cdktn.version}` };
    notes.push(`${name} ${deps[name]} kept (no cdktn build): its cdktf peer is an npm alias of cdktn`);
  }
  pkg.overrides = overrides;

  pkg.scripts = Object.fromEntries(
    Object.entries(pkg.scripts ?? {}).map(([name, script]) => {
      const renamed = script.replace(CDKTF_COMMAND, '$1cdktn');
      if (renamed !== script) notes.push(`script ${name}: ${renamed}`);
      return [name, renamed];
    }),
  );
  pkg.engines = { ...pkg.engines, node: `>=${CDKTN.node}` };
  notes.push(`engines.node >=${CDKTN.node}`);
  return { pkg, notes };
}
