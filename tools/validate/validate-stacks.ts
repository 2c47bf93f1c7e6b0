/**
 * `terraform validate` over every synthesized stack, the way the machine allows:
 *
 * - **registry**: where registry.terraform.io is reachable, each stack whole, at the provider
 *   versions it pins;
 * - **mirror**: otherwise, where a local filesystem mirror holds `hashicorp/aws`, the AWS part
 *   of each stack (`awsPart`), its version requirement rewritten to the mirrored version.
 *   Arguments the older schema does not know are reported, taken out and validated again,
 *   never dropped silently; resources of providers the mirror lacks are reported as not
 *   validated.
 *
 * A stack nothing could be validated in is `skipped`, with the reason.
 */
import { cpus, homedir, tmpdir } from 'os';
import { mkdirSync, mkdtempSync, rmSync, copyFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { StackJson } from '../../constructs/shared/stack-json';
import { eachSynthesizedStack } from '../../stacks/synthesized-stacks';
import { awsPart, hasAwsPart } from './aws-part';
import { CANARY_STACK, canaryProblems, canaryStack } from './canary';
import { parseValidateOutput, sortDiagnostics } from './diagnostics';
import { removeAt, stringifyWithLines } from './json-lines';
import { findProviderMirrors, mirrorSearchRoots, type ProviderMirror } from './mirror';
import { providersUnreachable } from './outcome';
import { runTerraform, terraformVersion, writeCliConfig } from './terraform';

/** What terraform validated of one stack, and what it could not. */
export interface StackValidation {
  readonly stack: string;
  readonly result: 'valid' | 'invalid' | 'skipped';
  /** What was validated, with which providers; for a skip, why nothing was. */
  readonly scope: string;
  /** Arguments the provider version used does not know: not validated (`aws_x.y.attr`). */
  readonly unknownToSchema: readonly string[];
  /** Parts of the stack not validated, each with the reason. */
  readonly notValidated: readonly string[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}

export interface ValidationRun {
  /** How the run validated: `registry`, `mirror` or `none`, with the detail. */
  readonly mode: string;
  readonly results: readonly StackValidation[];
  /**
   * What was wrong with the canary's result (tools/validate/canary.ts): `[]` when Terraform
   * faulted it as it must; absent when nothing was validated.
   */
  readonly canary?: readonly string[];
}

export interface ValidateOptions {
  /** Try the registry first (default true); off, only a local mirror is used. */
  readonly registry?: boolean;
  /** Where to look for mirrors (default: {@link mirrorSearchRoots}). */
  readonly mirrorRoots?: readonly string[];
  /** Stacks validated at once (default: one per core). */
  readonly concurrency?: number;
}

const AWS = 'hashicorp/aws';

/** The providers a stack requires, by local name (`aws`). */
function requirements(stack: StackJson): Record<string, { source?: string; version?: string }> {
  return ((stack.terraform as Record<string, unknown>).required_providers ?? {}) as Record<
    string,
    { source?: string; version?: string }
  >;
}

/** The providers a stack requires, as `source version` lines. */
function requiredProviders(stack: StackJson): string[] {
  return Object.entries(requirements(stack)).map(([name, p]) => `${p.source ?? name} ${p.version ?? ''}`.trim());
}

function skipped(stack: string, scope: string): StackValidation {
  return { stack, result: 'skipped', scope, unknownToSchema: [], notValidated: [], errors: [], warnings: [] };
}

async function inPool<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/** The stacks, and the canary pinned like them. */
function withCanary(stacks: [string, StackJson][], awsPin: string): [string, StackJson][] {
  return [...stacks, [CANARY_STACK, canaryStack(awsPin)]];
}

/** Validates one stack whole, with the providers it pins, from the registry. */
async function validateWhole(name: string, stack: StackJson, dir: string, env: Record<string, string>) {
  mkdirSync(dir, { recursive: true });
  const lines = stringifyWithLines(stack);
  writeFileSync(path.join(dir, 'cdk.tf.json'), lines.text);
  const init = await runTerraform(['init', '-backend=false', '-input=false', '-no-color'], dir, env);
  if (!init.ok) return { init: `${init.stdout}${init.stderr}` };
  const check = await runTerraform(['validate', '-json', '-no-color'], dir, env);
  const sorted = sortDiagnostics(parseValidateOutput(check.stdout, check.stderr), lines);
  const result: StackValidation = {
    stack: name,
    result: sorted.errors.length === 0 ? 'valid' : 'invalid',
    scope: `whole stack, pinned providers from the registry (${requiredProviders(stack).join(', ')})`,
    unknownToSchema: [],
    notValidated: [],
    errors: sorted.errors,
    warnings: sorted.warnings,
  };
  return { result };
}

/**
 * Validates the AWS part of a stack with the mirrored provider. Unknown arguments are taken out
 * and the part validated again, until none is left: errors after that are the stack's own.
 */
async function validateAwsPart(
  name: string,
  stack: StackJson,
  dir: string,
  mirror: ProviderMirror,
  env: Record<string, string>,
): Promise<StackValidation> {
  const part = awsPart(stack, mirror.version);
  const pinned = requirements(stack).aws?.version ?? 'no version';
  const unknownToSchema: string[] = [];
  let sorted;
  for (;;) {
    const lines = stringifyWithLines(part.config);
    writeFileSync(path.join(dir, 'cdk.tf.json'), lines.text);
    const check = await runTerraform(['validate', '-json', '-no-color'], dir, env);
    sorted = sortDiagnostics(parseValidateOutput(check.stdout, check.stderr), lines, 'aws_');
    const removed = sorted.unknownArguments.filter((unknown) => removeAt(part.config, unknown.path));
    unknownToSchema.push(...removed.map((unknown) => `${unknown.address}.${unknown.attribute}`));
    if (removed.length === 0) break;
  }
  const unremoved = sorted.unknownArguments.map((u) => `unknown argument ${u.address}.${u.attribute}`);
  const others = [...new Set(part.notValidated.map((a) => a.replace(/^data\./, '').split('_')[0]))];
  return {
    stack: name,
    result: sorted.errors.length + unremoved.length === 0 ? 'valid' : 'invalid',
    scope: `AWS part (${part.validated.length} resources and data sources), ${AWS} ${mirror.version} from the local mirror ${mirror.root} (the stack pins ${pinned})`,
    unknownToSchema,
    notValidated: [
      ...(part.notValidated.length > 0
        ? [
            `${part.notValidated.length} resources and data sources of ${others.join(', ')}: no registry access and no local mirror of their providers`,
          ]
        : []),
      ...part.standIns.map((s) => `references to ${s.declaration} stood in for by variable ${s.variable}`),
    ],
    errors: [...sorted.errors, ...unremoved],
    warnings: sorted.warnings,
  };
}

/** The canary's result apart from the stacks', and what is wrong with it. */
function withoutCanary(mode: string, all: readonly StackValidation[], mirror: boolean): ValidationRun {
  return {
    mode,
    results: all.filter((r) => r.stack !== CANARY_STACK),
    canary: canaryProblems(
      all.find((r) => r.stack === CANARY_STACK),
      mirror,
    ),
  };
}

/**
 * Validates every stack a synth wrote to `outdir`, and the canary beside them, in a temporary
 * directory it removes afterwards.
 */
export async function validateStacks(outdir: string, options: ValidateOptions = {}): Promise<ValidationRun> {
  const stacks = [...eachSynthesizedStack(outdir)];
  const awsPin = stacks.map(([, stack]) => requirements(stack).aws?.version).find((v) => v !== undefined);
  const version = terraformVersion();
  if (!version) {
    return {
      mode: 'none: no `terraform` on the PATH',
      results: stacks.map(([name]) => skipped(name, 'terraform is not installed: install Terraform >= 1.10')),
    };
  }
  const work = mkdtempSync(path.join(tmpdir(), 'gpu-platform-validate-'));
  const concurrency = options.concurrency ?? cpus().length;
  try {
    if (options.registry ?? true) {
      const cache = path.join(homedir(), '.terraform.d', 'plugin-cache');
      mkdirSync(cache, { recursive: true });
      const registryWork = path.join(work, 'registry');
      mkdirSync(registryWork);
      const env = { TF_CLI_CONFIG_FILE: writeCliConfig(registryWork, { registryCache: cache }) };
      const [firstName, firstStack] = stacks[0];
      const first = await validateWhole(firstName, firstStack, path.join(registryWork, firstName), env);
      if (first.result) {
        const rest = await inPool(
          withCanary(stacks.slice(1), awsPin ?? '~> 6.0'),
          concurrency,
          async ([name, stack]) => {
            const outcome = await validateWhole(name, stack, path.join(registryWork, name), env);
            return (
              outcome.result ?? {
                ...skipped(name, 'terraform init failed'),
                result: 'invalid' as const,
                errors: [outcome.init!.trim()],
              }
            );
          },
        );
        return withoutCanary(`registry (${version})`, [first.result, ...rest], false);
      }
      if (!providersUnreachable(first.init!)) {
        return {
          mode: `registry (${version})`,
          results: [
            { ...skipped(firstName, 'terraform init failed'), result: 'invalid', errors: [first.init!.trim()] },
            ...stacks
              .slice(1)
              .map(([name]) => skipped(name, 'not attempted: terraform init failed on the first stack')),
          ],
        };
      }
    }
    const [mirror] = findProviderMirrors(AWS, options.mirrorRoots ?? mirrorSearchRoots());
    if (!mirror) {
      const why = `no registry access and no local mirror of ${AWS} (searched ${(options.mirrorRoots ?? mirrorSearchRoots()).join(', ')})`;
      return { mode: `none: ${why}`, results: stacks.map(([name]) => skipped(name, why)) };
    }
    const mirrorWork = path.join(work, 'mirror');
    mkdirSync(mirrorWork);
    const env = { TF_CLI_CONFIG_FILE: writeCliConfig(mirrorWork, { mirror }) };
    // One provider installation serves every stack: each validates with its data directory.
    const initDir = path.join(mirrorWork, '.init');
    mkdirSync(initDir);
    writeFileSync(
      path.join(initDir, 'main.tf.json'),
      JSON.stringify({ terraform: { required_providers: { aws: { source: AWS, version: mirror.version } } } }),
    );
    const init = await runTerraform(['init', '-backend=false', '-input=false', '-no-color'], initDir, env);
    if (!init.ok)
      throw new Error(`terraform init from the mirror ${mirror.root} failed:\n${init.stdout}${init.stderr}`);
    const partEnv = { ...env, TF_DATA_DIR: path.join(initDir, '.terraform') };
    const results = await inPool(withCanary(stacks, awsPin ?? mirror.version), concurrency, async ([name, stack]) => {
      if (!hasAwsPart(stack))
        return skipped(
          name,
          `no AWS part; ${requiredProviders(stack).join(', ')}: no registry access and no local mirror of these providers`,
        );
      const dir = path.join(mirrorWork, name);
      mkdirSync(dir);
      copyFileSync(path.join(initDir, '.terraform.lock.hcl'), path.join(dir, '.terraform.lock.hcl'));
      return validateAwsPart(name, stack, dir, mirror, partEnv);
    });
    return withoutCanary(`mirror (${version}; ${AWS} ${mirror.version} at ${mirror.root})`, results, true);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
