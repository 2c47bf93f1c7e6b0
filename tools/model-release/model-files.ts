/**
 * The files of a model directory, as the reference's file serialization finds them
 * (`_serialization/file.py` `serialize`, `serialization.check_file_or_directory`): every regular
 * file under the root, dot-files and empty files included, directories themselves not; ignored
 * paths skipped with everything under them; a symlink refused unless allowed, and then hashed as
 * its target's content under the link's own name. A symlinked directory is not descended into
 * (Python's `Path.glob("**")` does not follow it) and, not being a file, adds nothing.
 */
import { lstat, readdir, stat } from 'fs/promises';
import * as path from 'path';
import { comparePosixPaths, isUnder } from './posix-path';

/** Options of {@link listModelFiles}. */
export interface ListOptions {
  /** Root-relative POSIX paths to skip, each with everything under it. Default: none. */
  readonly ignore?: readonly string[];
  /** Hash a symlinked file as its target instead of refusing the model. Default: false, as the reference. */
  readonly allowSymlinks?: boolean;
}

/** A model directory the format cannot describe: a symlink not allowed, a special file, a missing root. */
export class ModelDirectoryError extends Error {
  override name = 'ModelDirectoryError';
}

/** Root-relative POSIX names of the files to hash, sorted as the reference sorts resources. */
export async function listModelFiles(root: string, options: ListOptions = {}): Promise<string[]> {
  const ignore = options.ignore ?? [];
  const allowSymlinks = options.allowSymlinks ?? false;
  const rootStat = await lstat(root).catch(() => undefined);
  if (rootStat === undefined) throw new ModelDirectoryError(`${root}: no such directory`);
  if (rootStat.isSymbolicLink() && !allowSymlinks) {
    throw new ModelDirectoryError(`${root} is a symlink; pass the directory it points to`);
  }
  if (!(await stat(root)).isDirectory()) throw new ModelDirectoryError(`${root} is not a directory`);

  const files: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const name = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (ignore.some((ignored) => isUnder(name, ignored))) continue;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        if (!allowSymlinks) {
          throw new ModelDirectoryError(
            `${name} is a symlink: refused, as the reference does without --allow-symlinks`,
          );
        }
        const target = await stat(full).catch(() => undefined);
        if (target?.isFile()) files.push(name);
        else if (!target?.isDirectory())
          throw new ModelDirectoryError(`${name} is a broken symlink or points to a special file`);
      } else if (entry.isDirectory()) await walk(full, name);
      else if (entry.isFile()) files.push(name);
      else throw new ModelDirectoryError(`${name} is neither a file nor a directory (socket, pipe or device)`);
    }
  };
  await walk(root, '');
  return files.sort(comparePosixPaths);
}
