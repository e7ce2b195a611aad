import { useCallback, useEffect, useRef, useState } from 'react';

export type LineField = 'product' | 'quantity' | 'unitPrice';

/**
 * Named inputs of the entry screen ("customerReference", "<lineKey>:quantity"…) and a focus request that waits for
 * the input to exist (a line just added renders on the next pass).
 */
export function useFieldFocus(deps: unknown) {
  const inputs = useRef(new Map<string, HTMLElement | null>());
  const [request, setRequest] = useState<string | null>(null);

  const refFor = useCallback(
    (name: string) => (el: HTMLElement | null) => {
      inputs.current.set(name, el);
    },
    [],
  );

  useEffect(() => {
    if (!request) return;
    const el = inputs.current.get(request);
    if (el) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
      el.scrollIntoView({ block: 'nearest' });
      setRequest(null);
    }
  }, [request, deps]);

  const focus = useCallback((name: string) => setRequest(name), []);
  return { refFor, focus };
}

export const lineFieldName = (key: string, field: LineField) => `${key}:${field}`;
