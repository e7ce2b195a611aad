import type { UseFormReturnType } from '@mantine/form';
import type { TFunction } from 'i18next';
import { isApiError, type ProblemFieldError } from '@web/client/api';
import { notifyError, notifyFormErrors } from './errors';

/** Normalises a problem `path` ("shipTos.0.address.city", "/shipTos/0/address/city", "shipTos[0].code"). */
export function normalizePath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((s) => s !== '' && s !== '#' && s !== 'body');
}

function isLeaf(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object');
  return false;
}

/**
 * Finds the form field a server error belongs to: the deepest prefix of `path` that is a leaf of the form's
 * values (a primitive, or a list of primitives such as a multi-select). Returns null when nothing matches or the
 * path ends on an object (e.g. the whole `shipTos` list): those are shown as general form errors.
 */
export function resolveFieldPath(values: unknown, path: string, aliases: Record<string, string> = {}): string | null {
  const segs = normalizePath(path);
  const joined = segs.join('.');
  const aliased = aliases[joined];
  if (aliased) return aliased;
  let cur: unknown = values;
  const taken: string[] = [];
  for (const seg of segs) {
    if (cur === null || typeof cur !== 'object') break;
    if (!(seg in (cur as Record<string, unknown>))) break;
    cur = (cur as Record<string, unknown>)[seg];
    taken.push(seg);
    if (isLeaf(cur)) return taken.join('.');
  }
  return null;
}

export interface AppliedErrors {
  /** Errors placed on a field. */
  placed: number;
  /** Errors that match no field: show them above the form. */
  general: ProblemFieldError[];
}

/**
 * Maps a 422 problem's `errors[]` onto a Mantine form: each message goes under its field. Returns null when the
 * error is not a field-validation problem (then show a notification instead).
 */
export function applyProblemToForm<V>(
  form: UseFormReturnType<V>,
  err: unknown,
  aliases: Record<string, string> = {},
): AppliedErrors | null {
  if (!isApiError(err) || err.fieldErrors.length === 0) return null;
  const values = form.getValues();
  const next: Record<string, string> = {};
  const general: ProblemFieldError[] = [];
  for (const fe of err.fieldErrors) {
    const field = resolveFieldPath(values, fe.path, aliases);
    if (field) next[field] = next[field] ? `${next[field]} ${fe.message}` : fe.message;
    else general.push(fe);
  }
  form.setErrors(next);
  return { placed: Object.keys(next).length, general };
}

/** Scrolls to and focuses the first field showing an error. */
export function focusFirstError() {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"], [data-error="true"] input');
    if (el) {
      el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      el.focus({ preventScroll: true });
    }
  });
}

/**
 * What a form does when the server refuses a submission: field errors under their fields (and a notification that
 * points at them), errors matching no field in the alert above the form, anything else in a notification.
 */
export function handleSubmitError<V>(
  form: UseFormReturnType<V>,
  err: unknown,
  t: TFunction,
  setGeneral: (errors: ProblemFieldError[]) => void,
) {
  const applied = applyProblemToForm(form, err);
  if (!applied) {
    setGeneral([]);
    notifyError(err, t);
    return;
  }
  setGeneral(applied.general);
  if (applied.placed > 0) {
    notifyFormErrors(err, t);
    focusFirstError();
  } else {
    notifyError(err, t);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  }
}
