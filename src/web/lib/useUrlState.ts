import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** List filters kept in the URL (so Back from a detail page restores them). */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string | null | undefined) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { params, set };
}

/** A text input bound to a URL parameter, written after the user pauses typing. */
export function useDebouncedUrlParam(key: string, delay = 300) {
  const { params, set } = useUrlParams();
  const committed = params.get(key) ?? '';
  const [value, setValue] = useState(committed);
  const [debounced] = useDebouncedValue(value.trim(), delay);
  useEffect(() => {
    if (debounced !== committed) set(key, debounced);
    // Only when the debounced value settles.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return { value, setValue, committed };
}
