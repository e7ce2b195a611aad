import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/**
 * List filters kept in the URL (so Back from a detail page restores them).
 *
 * A change starts from the address bar as it is now, not from the params of the last render: navigations are
 * transitions, so two quick changes (un-toggle a filter, then switch the view) would otherwise build the second
 * from a render that had not yet seen the first, and bring the removed filter back.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (key: string, value: string | null | undefined) => {
      const next = new URLSearchParams(window.location.search);
      if (value) next.set(key, value);
      else next.delete(key);
      setParams(next, { replace: true });
    },
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
