/**
 * Local filesystem mirrors of Terraform providers: `<root>/registry.terraform.io/<namespace>/
 * <type>/<version>/<os>_<arch>/terraform-provider-<type>*` (Terraform's unpacked mirror layout).
 */
import { existsSync, readdirSync, statSync } from 'fs';
import { homedir } from 'os';
import * as path from 'path';

/** One provider version found in a mirror. */
export interface ProviderMirror {
  /** The directory to give Terraform as `filesystem_mirror.path`. */
  readonly root: string;
  /** `hashicorp/aws`. */
  readonly provider: string;
  readonly version: string;
}

/** Set to a mirror root to use it before any other. */
export const MIRROR_ENV = 'TF_PROVIDER_MIRROR';

/**
 * Terraform's implied local mirror directories on Linux and macOS: without a `provider_installation`
 * block, it installs the providers it finds there from them, and the rest from the registry.
 */
export function impliedMirrorRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME ?? homedir();
  return [
    path.join(home, '.terraform.d', 'plugins'),
    path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'terraform', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
}

/**
 * Where mirrors are looked for: the directory the environment names, Terraform's implied local
 * mirror directories, and the system folders a machine image installs into. A root is searched
 * two levels down for a `registry.terraform.io` directory.
 */
export function mirrorSearchRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return [
    ...(env[MIRROR_ENV] ? [env[MIRROR_ENV]!] : []),
    ...impliedMirrorRoots(env),
    '/opt',
    '/usr/local/share',
    '/usr/share',
  ];
}

function directories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.isSymbolicLink() && statSync(path.join(dir, e.name)).isDirectory()))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Directories named `registry.terraform.io` at most `depth` levels under `root`, root included. */
function registryDirs(root: string, depth: number): string[] {
  if (path.basename(root) === 'registry.terraform.io') return [root];
  if (depth === 0) return [];
  return directories(root).flatMap((name) => registryDirs(path.join(root, name), depth - 1));
}

/** The platform directory Terraform looks for: `linux_amd64`, `darwin_arm64`... */
export function terraformPlatform(): string {
  const arch = { x64: 'amd64', arm64: 'arm64', ia32: '386' }[process.arch as string] ?? process.arch;
  return `${process.platform}_${arch}`;
}

/** Every version of `provider` (`hashicorp/aws`) found under the roots, the newest first. */
export function findProviderMirrors(
  provider: string,
  roots: readonly string[] = mirrorSearchRoots(),
): ProviderMirror[] {
  const [namespace, type] = provider.split('/');
  const found: ProviderMirror[] = [];
  for (const root of roots.filter((r) => existsSync(r))) {
    for (const registry of registryDirs(root, 2)) {
      const versions = path.join(registry, namespace, type);
      for (const version of directories(versions)) {
        const binaries = path.join(versions, version, terraformPlatform());
        const hasBinary =
          existsSync(binaries) && readdirSync(binaries).some((f) => f.startsWith(`terraform-provider-${type}`));
        const mirrorRoot = path.dirname(registry);
        if (hasBinary && !found.some((m) => m.root === mirrorRoot && m.version === version))
          found.push({ root: mirrorRoot, provider, version });
      }
    }
  }
  return found.sort((a, b) => compareVersions(b.version, a.version));
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
