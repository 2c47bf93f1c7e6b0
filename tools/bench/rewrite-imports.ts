/**
 * Rewrites deep provider imports to root imports, for the benchmark's baseline: the same app as
 * if written with `import { ... } from '@cdktf/provider-aws'`, which loads every resource module
 * of the package.
 *
 * A provider package's root index exports each resource module as a namespace
 * (`export * as vpc from './vpc'`), so
 *
 *     import { Vpc, type VpcConfig } from '@cdktf/provider-aws/lib/vpc';
 *
 * becomes
 *
 *     import * as __root_cdktf_provider_aws from '@cdktf/provider-aws';
 *     import Vpc = __root_cdktf_provider_aws.vpc.Vpc;
 *     import VpcConfig = __root_cdktf_provider_aws.vpc.VpcConfig;
 *
 * Import aliases keep TypeScript's elision rules: an alias used only as a type is dropped, as the
 * original import would have been (esbuild, which builds the baseline, keeps the root import
 * itself, which the baseline loads anyway). Whole `import type` declarations emit no JavaScript
 * and are left alone. Anything this cannot rewrite faithfully (a default import, a re-export, `require`
 * or `import()` of a deep path) is an error, so the baseline never silently keeps a deep import.
 */
import * as ts from 'typescript';

/** Per provider package: resource module path under `lib/` (e.g. `vpc`) to its namespace export name. */
export type NamespaceIndex = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Reads a provider package's `lib/index.d.ts`: `export * as vpc from './vpc'` gives `vpc` -> `vpc`. */
export function parseNamespaceExports(indexDts: string): Map<string, string> {
  const namespaces = new Map<string, string>();
  for (const match of indexDts.matchAll(/^export \* as ([A-Za-z_$][\w$]*) from ['"]\.\/([^'"]+)['"];?\s*$/gm)) {
    namespaces.set(match[2].replace(/\/index$/, ''), match[1]);
  }
  return namespaces;
}

/** The identifier the rewritten file binds a package's root to. */
export function rootBinding(packageName: string): string {
  return `__root_${packageName.replace(/[^A-Za-z0-9]/g, '_').replace(/^_+/, '')}`;
}

/** Splits `@cdktf/provider-aws/lib/vpc` into package and module path, for the packages in `index`. */
export function deepImport(specifier: string, index: NamespaceIndex): { pkg: string; module: string } | undefined {
  for (const pkg of index.keys()) {
    const prefix = `${pkg}/lib/`;
    if (specifier.startsWith(prefix)) {
      const module = specifier
        .slice(prefix.length)
        .replace(/\.js$/, '')
        .replace(/\/index$/, '');
      return module === 'index' ? undefined : { pkg, module };
    }
  }
  return undefined;
}

export interface Rewrite {
  /** The rewritten source. */
  readonly text: string;
  /** How many import declarations were rewritten. */
  readonly rewritten: number;
}

/** Rewrites every deep import of an indexed package in one TypeScript source. */
export function rewriteDeepImports(text: string, fileName: string, index: NamespaceIndex): Rewrite {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const bound = new Set<string>();
  const where = (node: ts.Node) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return `${fileName}:${line + 1}:${character + 1}`;
  };
  const namespaceOf = (pkg: string, module: string, node: ts.Node) => {
    const name = index.get(pkg)?.get(module);
    if (!name) throw new Error(`${where(node)}: ${pkg}/lib/index.d.ts exports no namespace for ./${module}`);
    return name;
  };
  const rootImport = (pkg: string) => {
    const binding = rootBinding(pkg);
    if (bound.has(binding)) return [];
    bound.add(binding);
    return [`import * as ${binding} from '${pkg}';`];
  };

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const deep = deepImport(statement.moduleSpecifier.text, index);
      if (!deep) continue;
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const ns = namespaceOf(deep.pkg, deep.module, statement);
      const root = rootBinding(deep.pkg);
      const lines = rootImport(deep.pkg);
      if (clause?.name)
        throw new Error(`${where(statement)}: a default import of a provider module cannot be rewritten`);
      const bindings = clause?.namedBindings;
      if (!clause) {
        lines.push(`import '${deep.pkg}';`);
      } else if (bindings && ts.isNamespaceImport(bindings)) {
        lines.push(`import ${bindings.name.text} = ${root}.${ns};`);
      } else if (bindings) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          lines.push(`import ${element.name.text} = ${root}.${ns}.${imported};`);
        }
      }
      edits.push({ start: statement.getStart(source), end: statement.getEnd(), text: lines.join('\n') });
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const expression = statement.moduleReference.expression;
      const deep = ts.isStringLiteral(expression) ? deepImport(expression.text, index) : undefined;
      if (!deep) continue;
      const ns = namespaceOf(deep.pkg, deep.module, statement);
      const lines = [...rootImport(deep.pkg), `import ${statement.name.text} = ${rootBinding(deep.pkg)}.${ns};`];
      edits.push({ start: statement.getStart(source), end: statement.getEnd(), text: lines.join('\n') });
    }
  }

  // Deep paths anywhere else (re-exports, require, import(), import types) are not rewritten: refuse.
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && deepImport(node.text, index)) {
      const inEdit = edits.some((e) => node.getStart(source) >= e.start && node.getEnd() <= e.end);
      const inTypeOnlyImport = ts.isImportDeclaration(node.parent) && node.parent.importClause?.isTypeOnly === true;
      if (!inEdit && !inTypeOnlyImport) {
        throw new Error(`${where(node)}: cannot rewrite this use of the deep provider path "${node.text}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, edit.start)}${edit.text}${out.slice(edit.end)}`;
  }
  return { text: out, rewritten: edits.length };
}
