import { readFileSync } from 'fs';
import * as path from 'path';
import type { RawSourceMap } from 'source-map';
import {
  attributeProfile,
  NAMED_MARKERS,
  perRegionCost,
  PHASES,
  stackPhase,
  summarizeProfiles,
  type CpuProfile,
  type Frame,
  type Phase,
  type ProfileAttribution,
} from '../../../tools/bench/profile';
import { displaySource, frameResolver } from '../../../tools/bench/profile-map';

// A hand-made profile of a made-up bundle at /project/dist/app/main.js and its source map: one
// sample per ms, in the order a synth runs (fixtures/synth.cpuprofile lists them).
const fixtures = path.join(__dirname, 'fixtures');
const profile = JSON.parse(readFileSync(path.join(fixtures, 'synth.cpuprofile'), 'utf8')) as CpuProfile;
const map = JSON.parse(readFileSync(path.join(fixtures, 'bundle.js.map'), 'utf8')) as RawSourceMap;
const BUNDLE = '/project/dist/app/main.js';
const resolve = frameResolver(BUNDLE, map, '/project');

const frame = (source: string, name: string): Frame => ({ source, name, line: 1 });
const synth = frame('node_modules/cdktf/lib/app.ts', 'synth');
const toTerraform = frame('node_modules/cdktf/lib/terraform-stack.ts', 'toTerraform');
const gateCheck = frame('constructs/checks/policy/gate.ts', 'check');

describe('frameResolver', () => {
  const callFrame = (functionName: string, url: string, lineNumber: number, columnNumber = 0) => ({
    functionName,
    url,
    lineNumber,
    columnNumber,
  });

  test('maps a bundle frame to its original file and line, root-relative or from node_modules', () => {
    expect(resolve(callFrame('buildPlatform', BUNDLE, 29))).toEqual({
      name: 'buildPlatform',
      source: 'stacks/platform.ts',
      line: 12,
    });
    expect(resolve(callFrame('toTerraform', BUNDLE, 79))).toEqual({
      name: 'toTerraform',
      source: 'node_modules/cdktf/lib/terraform-stack.ts',
      line: 248,
    });
  });

  test("takes the map's name only for a function esbuild renamed with a number", () => {
    expect(resolve(callFrame('resolve2', BUNDLE, 89)).name).toBe('resolve');
    // The mapping there is named `exports`, an identifier near the start, not the function.
    expect(resolve(callFrame('node_modules/example/index.js', BUNDLE, 119)).name).toBe('node_modules/example/index.js');
  });

  test("names esbuild's unmapped runtime helpers by the bundle, node's frames by URL, V8's by nothing", () => {
    expect(resolve(callFrame('__require', BUNDLE, 7, 33))).toEqual({
      name: '__require',
      source: 'dist/app/main.js',
      line: 8,
    });
    expect(resolve(callFrame('writeFileSync', 'node:fs', 2361)).source).toBe('node:fs');
    expect(resolve(callFrame('(garbage collector)', '', -1, -1))).toEqual({
      name: '(garbage collector)',
      source: '',
      line: 0,
    });
    expect(resolve(callFrame('run', 'file:///project/tools/app.js', 3)).source).toBe('tools/app.js');
  });

  test("names the app command's CommonJS wrapper, on the line before the bundle, by the bundle", () => {
    expect(resolve(callFrame('', BUNDLE, -1, 0))).toEqual({ name: '', source: 'dist/app/main.js', line: 0 });
  });

  test('displaySource shows packages from their node_modules, nested ones whole', () => {
    expect(displaySource('/work/main/node_modules/cdktf/node_modules/json-stable-stringify/index.js', '/x')).toBe(
      'node_modules/cdktf/node_modules/json-stable-stringify/index.js',
    );
    expect(displaySource('/x/stacks/platform.ts', '/x')).toBe('stacks/platform.ts');
    expect(displaySource('/elsewhere/a.js', '/x')).toBe('/elsewhere/a.js');
  });
});

describe('stackPhase', () => {
  test('the outermost marker wins: rendering inside construct building or the cross-stack pass is theirs', () => {
    expect(stackPhase([frame('stacks/platform.ts', 'buildPlatform'), toTerraform])).toBe('build');
    expect(stackPhase([synth, frame('node_modules/cdktf/lib/terraform-stack.ts', 'prepareStack'), toTerraform])).toBe(
      'prepare',
    );
  });

  test('App.synth hands over to its steps, the validations to the gate, the gate to the rendering it asks for', () => {
    const validations = frame('node_modules/cdktf/lib/terraform-stack.ts', 'runAllValidations');
    expect(stackPhase([synth])).toBe('synth');
    expect(stackPhase([synth, validations])).toBe('validations');
    expect(stackPhase([synth, validations, gateCheck])).toBe('gate');
    expect(stackPhase([synth, validations, gateCheck, toTerraform])).toBe('render');
    // The gate's own policy.json stays the gate's; the synthesizer's writes are JSON writing.
    expect(stackPhase([synth, validations, gateCheck, frame('node:fs', 'writeFileSync')])).toBe('gate');
    expect(stackPhase([synth, frame('node:fs', 'writeFileSync')])).toBe('write');
  });

  test("the platform's stacks prepare and render through stacks/stack-rendering.ts: those are the phases too", () => {
    const resolveFrame = frame('node_modules/cdktf/lib/tokens/private/resolve.ts', 'resolve');
    const prepare = [
      frame('stacks/platform-stack.ts', 'prepareStack'),
      frame('stacks/stack-rendering.ts', 'prepareStackReferences'),
    ];
    expect(stackPhase([synth, ...prepare, resolveFrame])).toBe('prepare');
    const render = [
      frame('stacks/platform-stack.ts', 'toTerraform'),
      frame('stacks/stack-rendering.ts', 'renderStack'),
    ];
    expect(
      stackPhase([
        synth,
        frame('node_modules/cdktf/lib/terraform-stack.ts', 'runAllValidations'),
        gateCheck,
        ...render,
      ]),
    ).toBe('render');
  });

  test('every function a marker names is still defined in its file (a renamed one would leave its time unmarked)', () => {
    const root = path.join(__dirname, '..', '..', '..');
    for (const { file, names } of NAMED_MARKERS) {
      const text = readFileSync(
        path.join(root, file.startsWith('node_modules/') ? `${file}.js` : `${file}.ts`),
        'utf8',
      );
      for (const name of names) {
        const defined = new RegExp(
          `(function\\*?\\s+${name}\\b|^\\s+(?:async\\s+)?${name}\\(|\\b${name}\\s*=\\s*\\()`,
          'm',
        ).test(text);
        expect({ file, name, defined }).toEqual({ file, name, defined: true });
      }
    }
  });

  test('a stack with no marker has no phase; a renamed function is not a marker', () => {
    expect(stackPhase([frame('main.ts', '')])).toBeUndefined();
    expect(stackPhase([frame('stacks/platform.ts', 'buildPlatform2')])).toBeUndefined();
  });
});

describe('attributeProfile', () => {
  const attribution = attributeProfile(profile, resolve);

  test('attributes every sample to its phase, ms by ms', () => {
    const expected: Record<Phase, number> = {
      // Compiling, module init, main.ts top level before its first statement.
      startup: 4,
      config: 2,
      // Including a module first required while building.
      build: 4,
      prepare: 3,
      aspects: 0,
      validations: 1,
      gate: 2,
      render: 3,
      write: 1,
      synth: 1,
      postSynth: 2,
      // One before the config loading, one after.
      gc: 2,
      // main.ts top level after its first statement, and V8's (program).
      other: 2,
    };
    for (const phase of PHASES) expect([phase, attribution.phases[phase]]).toEqual([phase, expected[phase]]);
    expect(attribution.totalMs).toBe(27);
    expect(attribution.samples).toBe(27);
  });

  test('sums self time per original function, both call sites of one function together, largest first', () => {
    expect(attribution.functions[0]).toEqual({
      name: 'resolve',
      source: 'node_modules/cdktf/lib/tokens/private/resolve.ts',
      line: 60,
      selfMs: 4,
    });
    expect(attribution.functions.find((f) => f.name === 'buildPlatform')?.selfMs).toBe(3);
    expect(attribution.functions.find((f) => f.source === 'main.ts')).toBeUndefined();
    expect(attribution.functions.find((f) => f.name === '(anonymous)')).toMatchObject({
      source: 'dist/app/main.js',
      selfMs: 2,
    });
  });

  test('without a config-loading sample, startup ends at the first construct-building one', () => {
    const noConfig = { ...profile, samples: profile.samples.map((id) => (id === 9 ? 10 : id)) };
    const phases = attributeProfile(noConfig, resolve).phases;
    expect(phases.config).toBe(0);
    expect(phases.build).toBe(6);
    expect(phases.startup).toBe(4);
  });

  test('with neither, nothing counts as startup by time: only module init under esbuild’s wrapper does', () => {
    const neither = { ...profile, samples: profile.samples.map((id) => ([9, 10, 14].includes(id) ? 12 : id)) };
    const phases = attributeProfile(neither, resolve).phases;
    expect(phases.startup).toBe(1);
    // Compiling (2), main.ts' top level (2) and (program) (1): no marker.
    expect(phases.other).toBe(5);
  });

  test('a sample naming a node not in the tree is an error', () => {
    expect(() => attributeProfile({ ...profile, samples: [999], timeDeltas: [1] }, resolve)).toThrow('node 999');
  });
});

describe('summarizeProfiles and perRegionCost', () => {
  const run = (build: number, render: number, total: number): ProfileAttribution => ({
    totalMs: total,
    samples: total,
    phases: { ...Object.fromEntries(PHASES.map((p) => [p, 0])), build, render } as Record<Phase, number>,
    functions: [{ name: 'resolve', source: 'r.ts', line: 1, selfMs: render }],
  });

  test('takes the median of each phase and the mean self time per run', () => {
    const summary = summarizeProfiles([run(10, 40, 100), run(30, 20, 120), run(20, 60, 90)]);
    expect(summary.runs).toBe(3);
    expect(summary.totalMs).toBe(100);
    expect(summary.phases.build).toBe(20);
    expect(summary.phases.render).toBe(40);
    expect(summary.top).toEqual([{ name: 'resolve', source: 'r.ts', line: 1, selfMs: 40 }]);
  });

  test('cost per added region is the difference over the regions added', () => {
    const small = summarizeProfiles([run(10, 40, 100)]);
    const large = summarizeProfiles([run(200, 420, 900)]);
    const cost = perRegionCost(small, 1, large, 20);
    expect(cost.build).toBe(10);
    expect(cost.render).toBe(20);
    expect(cost.gc).toBe(0);
    expect(() => perRegionCost(small, 5, large, 5)).toThrow('two different region counts');
  });
});
