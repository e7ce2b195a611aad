import { useCallback, useState } from 'react';

/**
 * Cursor pagination state: a stack of the cursors that led to each page (the first page has none), so
 * "Previous" pops and "Next" pushes the `nextCursor` the server returned. Resets when `resetKey` changes
 * (new search, sort or filter).
 */
export function useCursorPager(resetKey: string) {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const [key, setKey] = useState(resetKey);
  if (key !== resetKey) {
    setKey(resetKey);
    setStack([null]);
  }
  const next = useCallback((cursor: string) => setStack((s) => [...s, cursor]), []);
  const prev = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const reset = useCallback(() => setStack([null]), []);
  const current = key === resetKey ? stack : [null];
  return { cursor: current[current.length - 1] ?? null, page: current.length, next, prev, reset };
}
