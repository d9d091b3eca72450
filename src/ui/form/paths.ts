// Reading and writing nested form values by path (`establishment.name`, `children.2.age`), immutably.

export type Path = string;

export function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function setAt<T>(obj: T, path: Path, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const isIndex = /^\d+$/.test(head);
  const container: Record<string, unknown> | unknown[] = Array.isArray(obj)
    ? [...obj]
    : { ...(obj as Record<string, unknown> | undefined) };
  const key = isIndex && Array.isArray(container) ? Number(head) : head;
  const current = (container as Record<string | number, unknown>)[key];
  const next =
    rest.length === 0 ? value : setAt(current ?? (/^\d+$/.test(rest[0]!) ? [] : {}), rest.join('.'), value);
  if (next === undefined && !Array.isArray(container)) delete (container as Record<string, unknown>)[head];
  else (container as Record<string | number, unknown>)[key] = next;
  return container as T;
}

/** zod issue path → form path. */
export const pathOf = (path: ReadonlyArray<PropertyKey>): Path => path.map(String).join('.');
