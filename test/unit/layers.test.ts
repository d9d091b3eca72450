// The import fence (scripts/check-layers.mjs, run by `npm test`): the app's own tree has no upward import but
// the known one, and the check does catch one that runs up, static, lazy or for a type.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without types
import { KNOWN, upwardImports } from '../../scripts/check-layers.mjs';

type Found = { file: string; target: string; from: string; to: string };
const check = upwardImports as (dir?: string) => Found[];

let tree: string | undefined;
afterEach(() => {
  if (tree) rmSync(tree, { recursive: true, force: true });
  tree = undefined;
});

/** A throwaway src/ with these files (path → text). */
function srcTree(files: Record<string, string>): string {
  tree = mkdtempSync(join(tmpdir(), 'pelita-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  }
  return tree;
}

describe('the layer check', () => {
  it('finds no upward import in the app but the known ones', () => {
    const found = check().map((u) => `${u.file} -> ${u.target}`);
    expect(found.filter((k) => !(KNOWN as Map<string, string>).has(k))).toEqual([]);
  });

  it('catches an import that runs up, whether static, lazy or for a type', () => {
    const dir = srcTree({
      'lib/dates.ts': "import { x } from '../app/screen';\nexport const d = x;\n",
      'db/db.ts': "import type { Inspection } from '../inspections/schema';\nexport type R = Inspection;\n",
      'records/repo-core.ts': "export const load = () => import('../sync/run');\n",
      'inspections/kind.ts': "import { inspection } from './schema';\nexport const k = inspection;\n",
      'inspections/schema.ts': 'export const inspection = 1;\nexport type Inspection = number;\n',
      'sync/run.ts': "import { d } from '../lib/dates';\nexport const run = d;\n",
      'app/screen.ts': "import { load } from '../records/repo-core';\nexport const x = 1;\nvoid load;\n",
    });
    expect(check(dir).map((u) => `${u.file} -> ${u.target} (${u.from} → ${u.to})`)).toEqual([
      'db/db.ts -> inspections/schema.ts (storage → record types)',
      // A descriptor may load its own folder only lazily: what reads it must not load the schema.
      'inspections/kind.ts -> inspections/schema.ts (record kinds → record types)',
      'lib/dates.ts -> app/screen.ts (leaf helpers → shell)',
      'records/repo-core.ts -> sync/run.ts (write pipeline → outputs)',
    ]);
  });

  it('lets a folder import itself, and a descriptor load its folder lazily', () => {
    const dir = srcTree({
      'cases/kind.ts': "import type { C } from './schema';\nexport const k = () => import('./schema');\n",
      'cases/schema.ts': "import { k } from './kind';\nexport type C = number;\nvoid k;\n",
      'records/registry.ts': "import { k } from '../cases/kind';\nexport const all = [k];\n",
      'records/drafts.ts': "import { all } from './registry';\nexport const n = all.length;\n",
    });
    expect(check(dir)).toEqual([]);
  });
});
