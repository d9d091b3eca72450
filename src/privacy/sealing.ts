// The work of sealing and opening a record's personal fields (see ./personal.ts for what and why; ./personal-fields.ts for which): taking
// the values out by path, putting them back, and the AES-GCM around them. Loaded on first use, so a device
// without a passphrase never downloads it.
import { openValue, sealValue } from './crypto';
import { PERSONAL_PATHS, type WithSealed, withoutSealed } from './personal-fields';

const contextOf = (table: string, id: string) => `${table}:${id}`;

export type PersonalValues = Record<string, unknown>;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `[copy without the value, the value]`; an array segment (`rows[]`) gives one value per row. */
function take(node: unknown, segments: string[]): [unknown, unknown] {
  const [head, ...rest] = segments as [string, ...string[]];
  if (!isObj(node)) return [node, undefined];
  if (head.endsWith('[]')) {
    const name = head.slice(0, -2);
    const rows = node[name];
    if (!Array.isArray(rows)) return [node, undefined];
    const taken = rows.map((row) => take(row, rest));
    return [{ ...node, [name]: taken.map(([r]) => r) }, taken.map(([, v]) => v ?? null)];
  }
  if (rest.length === 0) {
    if (!(head in node)) return [node, undefined];
    const { [head]: value, ...without } = node;
    return [without, value];
  }
  const [child, value] = take(node[head], rest);
  return child === node[head] ? [node, value] : [{ ...node, [head]: child }, value];
}

function put(node: unknown, segments: string[], value: unknown): unknown {
  const [head, ...rest] = segments as [string, ...string[]];
  if (!isObj(node) || value === undefined || value === null) return node;
  if (head.endsWith('[]')) {
    const name = head.slice(0, -2);
    const rows = node[name];
    if (!Array.isArray(rows) || !Array.isArray(value)) return node;
    return { ...node, [name]: rows.map((row, i) => put(row, rest, value[i])) };
  }
  if (rest.length === 0) return { ...node, [head]: value };
  return { ...node, [head]: put(node[head], rest, value) };
}

/** Splits a record into what may be stored in the clear and its personal values by path. Pure. */
export function takePersonal<T extends object>(
  record: T,
  paths: readonly string[],
): { rest: T; values: PersonalValues } {
  let rest: unknown = record;
  const values: PersonalValues = {};
  for (const path of paths) {
    const [without, value] = take(rest, path.split('.'));
    rest = without;
    if (value !== undefined) values[path] = value;
  }
  return { rest: rest as T, values };
}

/** Puts personal values back where `takePersonal` found them. Pure. */
export function putPersonal<T extends object>(record: T, values: PersonalValues): T {
  let out: unknown = record;
  for (const [path, value] of Object.entries(values)) out = put(out, path.split('.'), value);
  return out as T;
}

export async function sealRecord<T extends { id: string }>(
  key: CryptoKey,
  table: string,
  record: WithSealed<T>,
): Promise<WithSealed<T>> {
  const paths = PERSONAL_PATHS[table];
  const plain = withoutSealed(record);
  if (!paths) return plain;
  const { rest, values } = takePersonal(plain, paths);
  return { ...rest, sealed: await sealValue(key, values, contextOf(table, plain.id)) };
}

/** Opens a sealed record; throws when the key is not the one it was sealed with. */
export async function openRecord<T extends { id: string }>(
  key: CryptoKey,
  table: string,
  record: WithSealed<T>,
): Promise<T> {
  if (!record.sealed) return record;
  const values = await openValue<PersonalValues>(key, record.sealed, contextOf(table, record.id));
  return putPersonal(withoutSealed(record), values);
}
