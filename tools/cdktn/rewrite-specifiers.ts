/**
 * Rewrites the module specifiers of a TypeScript or JavaScript source from cdktf's packages to
 * CDK Terrain's: `cdktf` to `cdktn`, and the provider packages that have a cdktn build
 * (`@cdktf/provider-aws/lib/vpc` to `@cdktn/provider-aws/lib/vpc`). Pure.
 *
 * Only strings in module positions change: import and export declarations, `import x =
 * require()`, `require()`, `require.resolve()`, `import()`, `jest.mock()` and the like, import
 * types and ambient module names. A tag value or a message that says `cdktf` stays as it is.
 */
import * as ts from 'typescript';

/** A package that moves, and where to. */
export interface PackageMove {
  readonly from: string;
  readonly to: string;
}

/** cdktf's packages with a CDK Terrain counterpart on the npm registry. */
export const PACKAGE_MOVES: readonly PackageMove[] = [
  { from: 'cdktf', to: 'cdktn' },
  { from: '@cdktf/provider-aws', to: '@cdktn/provider-aws' },
  { from: '@cdktf/provider-azurerm', to: '@cdktn/provider-azurerm' },
];

/** The specifier under CDK Terrain, or undefined when it names no package that moves. */
export function cdktnSpecifier(specifier: string, moves: readonly PackageMove[] = PACKAGE_MOVES): string | undefined {
  const move = moves.find((m) => specifier === m.from || specifier.startsWith(`${m.from}/`));
  return move && `${move.to}${specifier.slice(move.from.length)}`;
}

export interface SpecifierRewrite {
  readonly text: string;
  /** Each specifier rewritten, in source order. */
  readonly rewritten: readonly { readonly from: string; readonly to: string }[];
}

/** Calls whose first argument names a module. */
function takesModuleName(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    (callee.expression.text === 'jest' || (callee.expression.text === 'require' && callee.name.text === 'resolve'))
  );
}

/** The string literals of a source that name a module. */
function moduleNames(source: ts.SourceFile): ts.StringLiteralLike[] {
  const found: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) found.push(node.moduleSpecifier);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      found.push(node.expression);
    } else if (ts.isCallExpression(node) && takesModuleName(node)) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first)) found.push(first);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      if (ts.isStringLiteral(node.argument.literal)) found.push(node.argument.literal);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      found.push(node.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
};

/** Whether {@link rewriteSpecifiers} reads files named like this. */
export function isSourceFile(fileName: string): boolean {
  return !fileName.endsWith('.d.ts') && Object.keys(SCRIPT_KINDS).some((ext) => fileName.endsWith(ext));
}

/** Rewrites every module specifier of a moving package in one source; the rest of the text is untouched. */
export function rewriteSpecifiers(
  text: string,
  fileName: string,
  moves: readonly PackageMove[] = PACKAGE_MOVES,
): SpecifierRewrite {
  const ext = Object.keys(SCRIPT_KINDS).find((e) => fileName.endsWith(e));
  if (!ext) throw new Error(`${fileName}: not a TypeScript or JavaScript source`);
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, SCRIPT_KINDS[ext]);
  const edits = moduleNames(source)
    .map((literal) => ({ literal, to: cdktnSpecifier(literal.text, moves) }))
    .filter((edit): edit is { literal: ts.StringLiteralLike; to: string } => edit.to !== undefined);
  let out = text;
  // From the end, so earlier offsets stay valid. The quotes stay; only what is between them changes.
  for (const { literal, to } of [...edits].reverse()) {
    out = `${out.slice(0, literal.getStart(source) + 1)}${to}${out.slice(literal.getEnd() - 1)}`;
  }
  return { text: out, rewritten: edits.map(({ literal, to }) => ({ from: literal.text, to })) };
}
