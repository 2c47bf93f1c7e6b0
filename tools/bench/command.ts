/** Command lines: the app command from cdktf.json as argv, and argv as a reader would type it. Pure. */

const PLAIN_WORD = /^[A-Za-z0-9_./@=:+,%-]+$/;

/**
 * The argv of a shell command line, split on spaces when it is plain words (no quoting, no shell
 * syntax), so the measured process is the app itself; anything else runs under `sh -c`, as the
 * cdktf CLI runs it.
 */
export function commandArgv(commandLine: string): string[] {
  const words = commandLine.trim().split(/ +/);
  return words.length > 0 && words.every((w) => PLAIN_WORD.test(w)) ? words : ['sh', '-c', commandLine];
}

/**
 * An argv for the report: `process.execPath` as `node`, the temporary folder `tmp` as `<tmp>` wherever
 * it appears, paths under `root` relative to it, and shell quoting where a word needs it.
 */
export function displayCommand(argv: readonly string[], root: string, tmp: string): string {
  return argv
    .map((word, i) => {
      if (i === 0 && word === process.execPath) return 'node';
      const short = word.startsWith(`${root}/`) ? word.slice(root.length + 1) : word.split(tmp).join('<tmp>');
      return PLAIN_WORD.test(short.replace(/<tmp>/g, 'x')) ? short : `'${short.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}
