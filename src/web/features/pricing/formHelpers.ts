import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { isApiError, type ProblemFieldError } from '@web/client/api';
import { notifyError, notifyFormErrors } from '@web/lib/errors';
import { focusFirstError, normalizePath, resolveFieldPath } from '@web/lib/formErrors';

/**
 * A server error on a list payload → the form: "items.3.sku" goes to the product cell of the form row that was
 * sent as item 3 (blank rows are not sent). Returns false when the error carries no field errors.
 */
export function applyListProblem<V>(
  form: UseFormReturnType<V>,
  err: unknown,
  t: TFunction,
  setGeneral: (errors: ProblemFieldError[]) => void,
  list: string,
  indexMap: number[],
) {
  if (!isApiError(err) || err.fieldErrors.length === 0) {
    setGeneral([]);
    notifyError(err, t);
    return;
  }
  const values = form.getValues();
  const next: Record<string, string> = {};
  const general: ProblemFieldError[] = [];
  for (const fe of err.fieldErrors) {
    const segs = normalizePath(fe.path);
    if (segs[0] === list && segs[1] !== undefined && /^\d+$/.test(segs[1])) {
      segs[1] = String(indexMap[Number(segs[1])] ?? segs[1]);
      if (segs[2] === 'sku' || segs[2] === undefined) segs[2] = 'productId';
    }
    const field = resolveFieldPath(values, segs.join('.'));
    if (field) next[field] = next[field] ? `${next[field]} ${fe.message}` : fe.message;
    else general.push(fe);
  }
  form.setErrors(next);
  setGeneral(general);
  if (Object.keys(next).length > 0) {
    notifyFormErrors(err, t);
    focusFirstError();
  } else {
    notifyError(err, t);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }
}

/** Focus management for keyboard grids: ask for a cell by row key and field; it gets focus once rendered. */
export function useRowFocus<F extends string>(rowsSignature: unknown) {
  const inputs = useRef(new Map<string, HTMLInputElement | null>());
  const [request, setRequest] = useState<{ key: string; field: F } | null>(null);
  const refFor = useCallback(
    (key: string, field: F) => (el: HTMLInputElement | null) => {
      inputs.current.set(`${key}:${field}`, el);
    },
    [],
  );
  useEffect(() => {
    if (!request) return;
    const el = inputs.current.get(`${request.key}:${request.field}`);
    if (el) {
      el.focus();
      el.select();
      setRequest(null);
    }
  }, [request, rowsSignature]);
  return { refFor, focus: (key: string, field: F) => setRequest({ key, field }) };
}

/** Enter in a grid row: next row, or a new one at the end. */
export function enterToNextRow<R extends { key: string }>(
  rows: R[],
  index: number,
  addRow: () => string,
  focus: (key: string) => void,
) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const next = rows[index + 1];
    focus(next ? next.key : addRow());
  };
}
