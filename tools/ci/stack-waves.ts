/**
 * Plans stacks in dependency order for CI: waves of stacks whose dependencies are all in earlier
 * waves, read from the manifest `cdktf synth` writes. Pure.
 */

/** The part of `cdktf.out/manifest.json` the plan reads. */
export interface StackManifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[] }>>;
}

/** The plan jobs `.github/workflows/plan.yml` declares, one per wave (`plan-wave-0` ...). */
export const PLAN_WAVE_JOBS = 4;

/** Stacks grouped in waves: a stack's dependencies are all in earlier waves. Each wave sorted. */
export function stackWaves(manifest: StackManifest): string[][] {
  const pending = new Map(Object.entries(manifest.stacks).map(([name, s]) => [name, [...(s.dependencies ?? [])]]));
  for (const [name, deps] of pending) {
    const unknown = deps.filter((d) => !pending.has(d));
    if (unknown.length > 0) throw new Error(`stack ${name} depends on ${unknown.join(', ')}, which the manifest lacks`);
  }
  const done = new Set<string>();
  const waves: string[][] = [];
  while (done.size < pending.size) {
    const wave = [...pending]
      .filter(([name, deps]) => !done.has(name) && deps.every((d) => done.has(d)))
      .map(([name]) => name)
      .sort();
    if (wave.length === 0) {
      const stuck = [...pending.keys()].filter((n) => !done.has(n));
      throw new Error(`stacks depend on each other in a cycle: ${stuck.join(', ')}`);
    }
    wave.forEach((name) => done.add(name));
    waves.push(wave);
  }
  return waves;
}

/**
 * The plan matrix as GitHub step outputs: `wave-<i>=<JSON array>` for every job of the
 * workflow, empty arrays past the last wave (the job then skips).
 */
export function waveOutputs(waves: readonly (readonly string[])[], jobs = PLAN_WAVE_JOBS): string {
  if (waves.length > jobs) {
    throw new Error(`the stacks need ${waves.length} dependency waves, but plan.yml has ${jobs} wave jobs: add jobs`);
  }
  return Array.from({ length: jobs }, (_, i) => `wave-${i}=${JSON.stringify(waves[i] ?? [])}`).join('\n');
}
