/**
 * The wallet stack (wagmi, react-query, RainbowKit) is in no page's first load (docs/ARCHITECTURE.md,
 * "A click, end to end"): from every route file of app/, following static imports only (an
 * `import()`, as inside `next/dynamic`, is where a chunk of its own starts; `import type` is erased),
 * no module reaches the wallet stack's packages or components/wallet/wallet-stack.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUTE_FILE = /^(page|layout|template|not-found|loading|error|global-error|default)\.tsx?$/;
const FORBIDDEN_PACKAGE = /^(wagmi(\/|$)|@wagmi\/|@rainbow-me\/|@tanstack\/react-query(\/|$))/;
const FORBIDDEN_MODULE = path.join(ROOT, 'components/wallet/wallet-stack');
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs'];

/** tsconfig.json's `paths`, as [prefix, target folder] (only the `prefix/*` → `target/*` form). */
function pathAliases(): [string, string][] {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions?: { paths?: Record<string, string[]> } };
  return Object.entries(config.compilerOptions?.paths ?? {}).map(([from, [to]]) => [from.replace(/\*$/, ''), path.join(ROOT, to.replace(/\*$/, ''))]);
}
const ALIASES = pathAliases();

/** The source file a specifier names, or undefined for a package (or a file that is not code). */
function resolve(specifier: string, from: string): string | undefined {
  const alias = ALIASES.find(([prefix]) => specifier.startsWith(prefix));
  const base = alias
    ? path.join(alias[1], specifier.slice(alias[0].length))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  for (const candidate of [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The specifiers a module imports or re-exports statically and at run time (not `import type`, not `import()`). */
export function staticImports(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const bindings = clause?.namedBindings;
      const onlyTypes =
        clause && !clause.name && bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (onlyTypes) continue;
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly)) continue;
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isImportEqualsDeclaration(statement) && !statement.isTypeOnly && ts.isExternalModuleReference(statement.moduleReference)) {
      out.push((statement.moduleReference.expression as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every wallet-stack module reached statically from `entry`, each with the chain of imports that reaches it. */
export function walletReached(entry: string): string[] {
  const parent = new Map<string, string | undefined>([[entry, undefined]]);
  const chain = (file: string): string[] => {
    const names: string[] = [];
    for (let at: string | undefined = file; at; at = parent.get(at)) names.unshift(path.relative(ROOT, at));
    return names;
  };
  const found: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (!/\.[cm]?[jt]sx?$/.test(file)) continue;
    for (const specifier of staticImports(readFileSync(file, 'utf8'), file)) {
      const target = resolve(specifier, file);
      if (FORBIDDEN_PACKAGE.test(specifier) || (target && target.replace(/\.[jt]sx?$/, '') === FORBIDDEN_MODULE)) {
        found.push([...chain(file), specifier].join(' → '));
        continue;
      }
      if (target && !parent.has(target) && !target.includes(`${path.sep}node_modules${path.sep}`)) {
        parent.set(target, file);
        queue.push(target);
      }
    }
  }
  return found;
}

const routeFiles = readdirSync(path.join(ROOT, 'app'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && ROUTE_FILE.test(e.name))
  .map((e) => path.join(e.parentPath, e.name))
  .sort();

test('the walk sees through type-only imports and dynamic imports, and not through value imports', () => {
  const source = [
    "import type { A } from 'wagmi';",
    "import { type B, type C } from '@rainbow-me/rainbowkit';",
    "export type { D } from '@wagmi/core';",
    "const X = dynamic(() => import('@tanstack/react-query'));",
    "import { useAccount } from 'wagmi';",
    "import { type E, F } from './f';",
    "import './styles.css';",
    "export { G } from '@/lib/g';",
  ].join('\n');
  assert.deepEqual(staticImports(source, 'x.tsx'), ['wagmi', './f', './styles.css', '@/lib/g'], 'value imports and re-exports only');
});

test('app/ has route files to check', () => {
  assert.ok(routeFiles.some((f) => f.endsWith(`app${path.sep}page.tsx`)) && routeFiles.length >= 10, `found ${routeFiles.length} route files`);
});

for (const file of routeFiles) {
  test(`${path.relative(ROOT, file)}: no wallet stack in the first load`, () => {
    assert.deepEqual(walletReached(file), [], 'statically imported wallet-stack modules (import chain → module)');
  });
}
