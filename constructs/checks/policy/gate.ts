/**
 * The policy gate: runs the rule pack on every stack it is added to and records each finding as
 * an `Annotations` error or warning on the resource's construct, so `cdktf synth` fails on an
 * error with the rule, the resource path and the fix. Suppressions become info annotations.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Annotations, App, TerraformResource, TerraformStack, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { StackJson } from '../../shared/stack-json';
import { isTaggable } from '../../shared/tagging';
import { evaluateStack, type StackEvaluation } from './evaluate';
import type { PolicyRule } from './rule';
import { RULE_PACK } from './rule-pack';
import { constructSuppressions, type Suppression } from './suppressions';

/** An environment's policy settings, from config (`environments.<env>.policy`). */
export interface PolicySettings {
  /** Production environments must replicate storage and keep keys in HSMs. */
  readonly production: boolean;
  /** The shortest log retention the environment accepts, in days. */
  readonly minimumLogRetentionDays: number;
  /** Config suppressions of this stack; each names a construct path, stack first. */
  readonly suppressions: readonly Omit<Suppression, 'source'>[];
  /** The day support dates are judged on (`YYYY-MM-DD`); without it, only known versions are required. */
  readonly today?: string;
}

/** What a stack without config gets: the strictest settings. */
export const STRICT_POLICY: PolicySettings = { production: true, minimumLogRetentionDays: 365, suppressions: [] };

/** The file the gate writes beside each stack's `cdk.tf.json`, read by `npm run policy`. */
export const POLICY_RESULTS_FILE = 'policy.json';

/** What `policy.json` holds. */
export interface PolicyResultsFile {
  readonly stack: string;
  readonly production: boolean;
  readonly minimumLogRetentionDays: number;
  readonly evaluation: StackEvaluation;
}

/** Stacks the gate rendered, kept until their synthesizer writes them so nothing renders twice. */
const rendered = new WeakMap<TerraformStack, StackJson>();

/**
 * The rendering the gate made of `stack` during this synth, handed over once: the synthesizer
 * writes exactly what the gate read, and rendering (most of the gate's cost) happens once.
 */
export function takeGateRendering(stack: TerraformStack): StackJson | undefined {
  const json = rendered.get(stack);
  rendered.delete(stack);
  return json;
}

/**
 * Add to a stack (`Aspects.of(stack).add(new PolicyGate(settings))`). Visiting the stack, it
 * schedules the check as a validation: the first moment after every aspect (tags included) has
 * run, and before the synthesizer collects annotations.
 */
export class PolicyGate implements IAspect {
  private readonly scheduled = new WeakSet<TerraformStack>();

  constructor(
    private readonly settings: PolicySettings = STRICT_POLICY,
    private readonly rules: readonly PolicyRule[] = RULE_PACK,
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.scheduled.has(node)) return;
    this.scheduled.add(node);
    node.node.addValidation({
      validate: () => {
        this.check(node);
        return [];
      },
    });
  }

  /** Evaluates the stack as it will be written, annotates its constructs and writes `policy.json`. */
  check(stack: TerraformStack): StackEvaluation {
    const json = stack.toTerraform() as StackJson;
    rendered.set(stack, json);
    const resources = new Map<string, IConstruct>();
    const taggableTypes = new Set<string>();
    const suppressions: Suppression[] = this.settings.suppressions.map((s) => ({ ...s, source: 'config' }));
    for (const node of stack.node.findAll()) {
      if (!(node instanceof TerraformResource)) continue;
      resources.set(node.node.path, node);
      if (isTaggable(node)) taggableTypes.add(node.terraformResourceType);
      suppressions.push(...constructSuppressions(node));
    }
    const evaluation = evaluateStack(
      json,
      this.rules,
      {
        production: this.settings.production,
        minimumLogRetentionDays: this.settings.minimumLogRetentionDays,
        taggableTypes,
        today: this.settings.today,
      },
      suppressions,
    );
    const at = (constructPath: string) => Annotations.of(resources.get(constructPath) ?? stack);
    for (const r of evaluation.results) {
      const text = `[${r.rule}] ${r.address} (${r.path}): ${r.message}`;
      if (r.status === 'error') at(r.path).addError(text);
      else if (r.status === 'warning') at(r.path).addWarning(text);
      else
        at(r.path).addInfo(`[${r.rule}] suppressed on ${r.path} (${r.suppression!.source}): ${r.suppression!.reason}`);
    }
    for (const p of evaluation.suppressionProblems)
      at(p.suppression.resource).addError(`[policy suppression, ${p.suppression.source}] ${p.problem}`);
    this.write(stack, evaluation);
    return evaluation;
  }

  private write(stack: TerraformStack, evaluation: StackEvaluation): void {
    const dir = path.join(App.of(stack).outdir, 'stacks', stack.node.id);
    mkdirSync(dir, { recursive: true });
    const file: PolicyResultsFile = {
      stack: stack.node.id,
      production: this.settings.production,
      minimumLogRetentionDays: this.settings.minimumLogRetentionDays,
      evaluation,
    };
    writeFileSync(path.join(dir, POLICY_RESULTS_FILE), `${JSON.stringify(file, null, 2)}\n`);
  }
}
