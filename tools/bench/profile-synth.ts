/**
 * Profiles synth: runs the esbuild bundle under `node --cpu-prof` on each config, in rounds (one
 * run of each config per round, so load drifting over the minutes reaches every config alike), and
 * attributes each profile to the phases of a synth (profile.ts). The runs go through the app
 * command's script, as a synth does; the caller brings the bundle up to date first, so no run
 * builds it.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { attributeProfile, summarizeProfiles, type CpuProfile, type ProfileAttribution } from './profile';
import { bundleFrameResolver } from './profile-map';
import type { ProfiledConfig } from './results';

/** V8's sampling interval: finer than its 1 ms default, for the short phases, at little cost. */
export const PROFILE_INTERVAL_US = 500;

export interface ProfileTarget {
  readonly label: string;
  readonly regionsPerCloud?: number;
  /** The child's environment, without CDKTF_OUTDIR. */
  readonly env: NodeJS.ProcessEnv;
  /** Checks a run's output folder: the stacks written, or a problem. */
  readonly check: (outdir: string) => { stacks?: number; problem?: string };
}

export interface ProfileRun {
  readonly configs: ProfiledConfig[];
  readonly failures: string[];
}

/**
 * The argv of one profiled run, writing its profile into `dir`: the app command's script
 * (tools/app.js), so the profile holds what a synth costs, its code cache included; the frames of
 * the bundle it runs map through `bundle`'s source map.
 */
export function profileArgv(root: string, dir: string): string[] {
  return [
    process.execPath,
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--cpu-prof-interval',
    String(PROFILE_INTERVAL_US),
    path.join(root, 'tools', 'app.js'),
  ];
}

/**
 * Profiles each target `runs` times. `scratch` makes a fresh folder; `progress` reports each run.
 * A failed run is reported and left out; a target with no good run is left out of `configs`.
 */
export function profileSynth(
  root: string,
  bundle: string,
  targets: readonly ProfileTarget[],
  runs: number,
  scratch: (name: string) => string,
  progress: (line: string) => void,
): ProfileRun {
  const resolve = bundleFrameResolver(bundle, root);
  const profiles = targets.map(() => [] as ProfileAttribution[]);
  const stacks = targets.map(() => 0);
  const failures: string[] = [];
  for (let round = 0; round < runs; round++) {
    targets.forEach((target, t) => {
      const dir = scratch('profile');
      const outdir = path.join(dir, 'cdktf.out');
      const profileDir = path.join(dir, 'cpuprofile');
      mkdirSync(profileDir);
      const [command, ...args] = profileArgv(root, profileDir);
      const child = spawnSync(command, args, {
        cwd: root,
        env: { ...target.env, CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const verdict = child.status === 0 ? target.check(outdir) : { problem: `exit status ${child.status}` };
      const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
      const problem =
        verdict.problem ?? (files.length === 1 ? undefined : `wrote ${files.length} profiles, expected 1`);
      if (problem) {
        failures.push(`profile ${target.label}, run ${round + 1}: ${problem}\n${child.stderr ?? ''}`.trimEnd());
        progress(`  profile ${target.label} ${round + 1}/${runs}: FAILED: ${problem}`);
        return;
      }
      const profile = JSON.parse(readFileSync(path.join(profileDir, files[0]), 'utf8')) as CpuProfile;
      const attribution = attributeProfile(profile, resolve);
      profiles[t].push(attribution);
      stacks[t] = verdict.stacks ?? 0;
      progress(`  profile ${target.label} ${round + 1}/${runs}: ${(attribution.totalMs / 1000).toFixed(2)} s sampled`);
    });
  }
  const configs = targets.flatMap((target, t) =>
    profiles[t].length === 0
      ? []
      : [
          {
            label: target.label,
            regionsPerCloud: target.regionsPerCloud,
            stacks: stacks[t],
            summary: summarizeProfiles(profiles[t]),
          },
        ],
  );
  return { configs, failures };
}
