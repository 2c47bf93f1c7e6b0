/**
 * Where synth time goes: attributes the samples of a V8 CPU profile (`node --cpu-prof`) to the
 * phases of a synth, and sums self time per function. Pure: the profile and a frame resolver in
 * (profile-map.ts maps the bundle's frames to their original sources), figures out.
 *
 * A sample belongs to the phase of the OUTERMOST frame on its stack that marks a phase, matched on
 * the frame's original source file and function name ({@link MARKERS}). An outer phase hands a
 * sample over to a phase nested in it only where {@link NESTED} says so: `App.synth` to each of its
 * steps, the validations to the policy gate, the gate to the rendering it asks for (the gate
 * renders each stack once, and the synthesizer writes that rendering). Samples taken before
 * main.ts's first statement (the config loading) are startup: node's bootstrap, compiling the bundle
 * and initializing its modules. Garbage collection is its own phase wherever it happens.
 */
import { median } from './stats';

/** A V8 call frame, as `--cpu-prof` writes it: 0-based line and column of the function's start. */
export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
  readonly scriptId?: string | number;
}

export interface CpuProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** A `.cpuprofile` file: the call tree, and one node id per sample with the µs since the last. */
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[];
  /** µs. */
  readonly startTime: number;
  /** µs. */
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * A call frame in the sources: the function's name and file (root-relative for the project,
 * from `node_modules/` for packages, `node:…` for node's own, empty for V8's own entries such as
 * `(garbage collector)`), and its 1-based line there (0 when unknown).
 */
export interface Frame {
  readonly name: string;
  readonly source: string;
  readonly line: number;
}

export type FrameResolver = (callFrame: CallFrame) => Frame;

/** The phases, in the order a synth runs them. */
export const PHASES = [
  'startup',
  'config',
  'build',
  'prepare',
  'aspects',
  'validations',
  'gate',
  'render',
  'write',
  'synth',
  'postSynth',
  'gc',
  'other',
] as const;

export type Phase = (typeof PHASES)[number];

/** What each phase holds, for the report. */
export const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  startup: 'startup and module loading (node, the bundle, module init)',
  config: 'config loading (checkDay, loadFromEnvironment, configWarnings)',
  build: 'construct building (buildPlatform)',
  prepare: 'cross-stack preparation (prepareStack: stacks/stack-rendering.ts, cdktf resolve)',
  aspects: 'aspects (invokeAspects: tags, the gate visit)',
  validations: 'validations other than the gate (runAllValidations)',
  gate: 'policy gate: rules, suppressions, annotations, policy.json',
  render: 'stack rendering and token resolution (toTerraform: stacks/stack-rendering.ts, cdktf resolve)',
  write: 'JSON writing (json-stable-stringify, writeFileSync, manifest)',
  synth: 'App.synth, rest (annotations, custom synthesis, stack list)',
  postSynth: 'post-synth checks (prerequisites, gate evaluations, archive locks, budgets)',
  gc: 'garbage collection',
  other: 'other (main.ts itself, V8 (program) and (idle))',
};

/** Whether `source` is `file` with a `.ts` or `.js` extension: packages may ship either. */
const isFile = (source: string, file: string) => source.replace(/\.[jt]s$/, '') === file;
/** Every function a marker names, by file: a test checks each is still defined there. */
export const NAMED_MARKERS: { readonly file: string; readonly names: readonly string[] }[] = [];
const named = (file: string, ...names: string[]) => {
  NAMED_MARKERS.push({ file, names });
  return (f: Frame) => isFile(f.source, file) && names.includes(f.name);
};

/**
 * The frames that mark each phase, checked in this order. The functions main.ts calls mark its own
 * phases, so each must be named here; a renamed one leaves its time in `other`, where it shows.
 */
export const MARKERS: readonly { readonly phase: Phase; readonly match: (frame: Frame) => boolean }[] = [
  { phase: 'gc', match: (f) => f.source === '' && f.name === '(garbage collector)' },
  // esbuild's module wrappers: a module initialized late, on its first require.
  { phase: 'startup', match: (f) => (f.name === '__require' || f.name === '__init') && f.source.endsWith('.js') },
  { phase: 'config', match: named('config/dated-checks', 'checkDay') },
  { phase: 'config', match: named('config/load', 'loadFromEnvironment', 'configWarnings') },
  { phase: 'build', match: named('stacks/platform', 'buildPlatform') },
  { phase: 'prepare', match: named('node_modules/cdktf/lib/terraform-stack', 'prepareStack') },
  { phase: 'prepare', match: named('stacks/stack-rendering', 'prepareStackReferences') },
  { phase: 'aspects', match: named('node_modules/cdktf/lib/synthesize/synthesizer', 'invokeAspects') },
  { phase: 'validations', match: named('node_modules/cdktf/lib/terraform-stack', 'runAllValidations') },
  { phase: 'gate', match: (f) => f.source.startsWith('constructs/checks/policy/') },
  { phase: 'render', match: named('node_modules/cdktf/lib/terraform-stack', 'toTerraform') },
  { phase: 'render', match: named('stacks/stack-rendering', 'renderStack') },
  { phase: 'render', match: (f) => isFile(f.source, 'node_modules/cdktf/lib/tokens/private/resolve') },
  { phase: 'write', match: (f) => /(^|\/)node_modules\/json-stable-stringify\//.test(f.source) },
  { phase: 'write', match: (f) => f.source === 'node:fs' && f.name === 'writeFileSync' },
  { phase: 'write', match: named('node_modules/cdktf/lib/manifest', 'writeToFile') },
  { phase: 'synth', match: named('node_modules/cdktf/lib/app', 'synth') },
  { phase: 'synth', match: named('node_modules/cdktf/lib/synthesize/synthesizer', 'synthesize') },
  { phase: 'postSynth', match: named('stacks/synth-errors', 'errorAnnotations', 'markReportOnly') },
  { phase: 'postSynth', match: named('constructs/checks/prerequisites', 'checkPrerequisites', 'formatFindings') },
  {
    phase: 'postSynth',
    match: named(
      'stacks/config-suppressions',
      'gateEvaluations',
      'usedConfigSuppressions',
      'unusedSuppressionProblems',
    ),
  },
  { phase: 'postSynth', match: named('stacks/locked-archives', 'placedLockRecords') },
  { phase: 'postSynth', match: named('constructs/checks/archive-locks', 'archiveLockProblems') },
  {
    phase: 'postSynth',
    match: named('stacks/synthesized-stacks', 'readSynthesizedTexts', 'readSynthesizedStacks', 'eachSynthesizedStack'),
  },
  { phase: 'postSynth', match: named('stacks/capacity-ledger', 'synthBudgetProblems') },
];

/** The phases an outer phase hands a sample to when their marker is nested inside it. */
export const NESTED: Readonly<Partial<Record<Phase, readonly Phase[]>>> = {
  synth: ['prepare', 'aspects', 'validations', 'gate', 'render', 'write'],
  validations: ['gate', 'render'],
  gate: ['render'],
};

/** Phases main.ts's own statements start; the first sample in one of them ends startup. */
const MAIN_BODY: readonly Phase[] = ['config', 'build'];

export interface FunctionTime {
  readonly name: string;
  readonly source: string;
  readonly line: number;
  readonly selfMs: number;
}

export interface ProfileAttribution {
  /** The sampled time, ms. */
  readonly totalMs: number;
  readonly samples: number;
  /** ms per phase, every phase present. */
  readonly phases: Readonly<Record<Phase, number>>;
  /** Every function sampled, by self time, largest first. */
  readonly functions: readonly FunctionTime[];
}

function markerOf(frame: Frame): Phase | undefined {
  return MARKERS.find((m) => m.match(frame))?.phase;
}

/** The phase of a stack, frames outermost first: the outermost marker, handed inwards per {@link NESTED}. */
export function stackPhase(frames: readonly Frame[]): Phase | undefined {
  let phase: Phase | undefined;
  for (const frame of frames) {
    const marked = markerOf(frame);
    if (marked === undefined) continue;
    if (phase === undefined || NESTED[phase]?.includes(marked)) phase = marked;
  }
  return phase;
}

/** A frame's display name: V8 names anonymous functions with an empty string. */
const displayName = (name: string) => name || '(anonymous)';

/**
 * Attributes a profile's samples to phases and functions. A sample stands for the time until the
 * next one (the last, until the profile's end).
 */
export function attributeProfile(profile: CpuProfile, resolve: FrameResolver): ProfileAttribution {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map<number, Frame>();
  const frameOf = (id: number): Frame => {
    let frame = frames.get(id);
    if (!frame) {
      const node = byId.get(id);
      if (!node) throw new Error(`profile: sample names node ${id}, which is not in the tree`);
      frame = resolve(node.callFrame);
      frames.set(id, frame);
    }
    return frame;
  };
  const phaseOfNode = new Map<number, Phase | undefined>();
  const nodePhase = (id: number): Phase | undefined => {
    if (!phaseOfNode.has(id)) {
      const stack: Frame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(frameOf(at));
      phaseOfNode.set(id, stackPhase(stack.reverse()));
    }
    return phaseOfNode.get(id);
  };

  const phases = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const self = new Map<string, FunctionTime>();
  const n = profile.samples.length;
  const start = profile.samples.findIndex((id) => MAIN_BODY.includes(nodePhase(id) as Phase));
  let at = profile.startTime;
  for (let i = 0; i < n; i++) {
    at += Math.max(0, profile.timeDeltas[i] ?? 0);
    const next = i + 1 < n ? at + Math.max(0, profile.timeDeltas[i + 1] ?? 0) : Math.max(at, profile.endTime);
    const ms = (next - at) / 1000;
    const id = profile.samples[i];
    const marked = nodePhase(id);
    const phase: Phase = marked === 'gc' ? 'gc' : i < start ? 'startup' : (marked ?? 'other');
    phases[phase] += ms;
    const leaf = frameOf(id);
    const key = `${leaf.name}\0${leaf.source}\0${leaf.line}`;
    const sofar = self.get(key);
    self.set(key, {
      name: displayName(leaf.name),
      source: leaf.source,
      line: leaf.line,
      selfMs: (sofar?.selfMs ?? 0) + ms,
    });
  }
  const totalMs = Object.values(phases).reduce((s, v) => s + v, 0);
  const ranked = [...self.values()].sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name));
  return { totalMs, samples: n, phases, functions: ranked };
}

/** Several profiles of one config, summarized. */
export interface ProfileSummary {
  readonly runs: number;
  /** Median sampled time, ms. */
  readonly totalMs: number;
  /** Median ms per phase: the phases of one run need not add up to the median total. */
  readonly phases: Readonly<Record<Phase, number>>;
  /** The functions with the most self time, mean ms per run. */
  readonly top: readonly FunctionTime[];
}

export function summarizeProfiles(runs: readonly ProfileAttribution[], top = 15): ProfileSummary {
  if (runs.length === 0) throw new Error('no profiles to summarize');
  const phases = Object.fromEntries(PHASES.map((p) => [p, median(runs.map((r) => r.phases[p]))])) as Record<
    Phase,
    number
  >;
  const sums = new Map<string, FunctionTime>();
  for (const run of runs)
    for (const f of run.functions) {
      const key = `${f.name}\0${f.source}\0${f.line}`;
      sums.set(key, { ...f, selfMs: (sums.get(key)?.selfMs ?? 0) + f.selfMs / runs.length });
    }
  const ranked = [...sums.values()].sort((a, b) => b.selfMs - a.selfMs || a.name.localeCompare(b.name));
  return { runs: runs.length, totalMs: median(runs.map((r) => r.totalMs)), phases, top: ranked.slice(0, top) };
}

/**
 * Cost per added region per cloud, phase by phase: the difference between two scale configs'
 * phase medians over the difference in regions.
 */
export function perRegionCost(
  small: ProfileSummary,
  smallRegions: number,
  large: ProfileSummary,
  largeRegions: number,
): Record<Phase, number> {
  if (largeRegions === smallRegions) throw new Error('per-region cost needs two different region counts');
  const per = (p: Phase) => (large.phases[p] - small.phases[p]) / (largeRegions - smallRegions);
  return Object.fromEntries(PHASES.map((p) => [p, per(p)])) as Record<Phase, number>;
}
