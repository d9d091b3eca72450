// Types of scripts/unused-keys.mjs, for test/unit/unused-keys.test.ts.
export function leafKeys(obj: object, prefix?: string): string[];
export function literals(source: string, fileName?: string): { strings: string[]; templates: string[][] };
export function templatePattern(parts: readonly string[]): RegExp;
export function unusedKeys(
  keys: readonly string[],
  sources: readonly string[],
  translations?: readonly string[],
): string[];
export function findUnused(): string[];
export function removeKeys(keys: readonly string[]): void;
