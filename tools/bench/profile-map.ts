/**
 * Names a CPU profile's frames by their original sources: a frame in the esbuild bundle is mapped
 * through the bundle's source map (package `source-map`, 0.6's synchronous API) to the TypeScript or
 * package file it came from, and to the function's original name where esbuild renamed it.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { SourceMapConsumer, type RawSourceMap } from 'source-map';
import type { CallFrame, Frame, FrameResolver } from './profile';

/**
 * A file as the report shows it: from its first `node_modules/` on for a package, relative to
 * `root` for a project file, as it is otherwise.
 */
export function displaySource(file: string, root: string): string {
  const packaged = file.indexOf('/node_modules/');
  if (packaged !== -1) return file.slice(packaged + 1);
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/**
 * Whether esbuild renamed the function `original` to `name` (it appends a number to avoid a
 * clash: `resolve2`). Only then is the map's name the function's: elsewhere a mapping's name can be
 * any identifier near the function's start.
 */
function renamed(name: string, original: string | null | undefined): original is string {
  return !!original && name !== original && name.startsWith(original) && /^\d+$/.test(name.slice(original.length));
}

/** A frame's script as a path: V8 names CommonJS scripts by path, ES modules by `file://` URL. */
function scriptPath(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : url;
}

/**
 * A resolver for the frames of a profile of `bundle` (absolute path) with its parsed source map
 * `map`: a bundle frame gets the original file, line and name (the profile's own name when the map
 * has none), or the bundle itself when the map has no original position (esbuild's runtime
 * helpers); node's frames keep their `node:` URL; V8's own entries get an empty source.
 */
export function frameResolver(bundle: string, map: RawSourceMap, root: string): FrameResolver {
  const consumer = new SourceMapConsumer(map);
  const mapDir = path.dirname(bundle);
  return (frame: CallFrame): Frame => {
    const script = scriptPath(frame.url);
    if (script === '') return { name: frame.functionName, source: '', line: 0 };
    if (script.startsWith('node:')) return { name: frame.functionName, source: script, line: frame.lineNumber + 1 };
    if (script !== bundle)
      return { name: frame.functionName, source: displaySource(script, root), line: frame.lineNumber + 1 };
    // The CommonJS wrapper the app command puts on the line before the bundle (tools/run-bundle.js).
    if (frame.lineNumber < 0) return { name: frame.functionName, source: displaySource(bundle, root), line: 0 };
    const original = consumer.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    if (!original.source)
      return { name: frame.functionName, source: displaySource(bundle, root), line: frame.lineNumber + 1 };
    return {
      name: renamed(frame.functionName, original.name) ? original.name : frame.functionName,
      source: displaySource(path.resolve(mapDir, original.source), root),
      line: original.line,
    };
  };
}

/** {@link frameResolver} for a bundle with its source map beside it (`<bundle>.map`). */
export function bundleFrameResolver(bundle: string, root: string): FrameResolver {
  return frameResolver(bundle, JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as RawSourceMap, root);
}
