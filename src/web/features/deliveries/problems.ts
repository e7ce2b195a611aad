import type { TFunction } from 'i18next';
import { isApiError } from '@web/client/api';
import { errorMessage } from '@web/lib/errors';
import { normalizePath } from '@web/lib/formErrors';

export type Errors = Record<string, string | undefined>;

/**
 * A refused command in a dialog: each 422 field error under its field (`map`: server path such as
 * "lines.0.pickedQuantity" → the dialog's field key, or null), everything else as the dialog's general messages.
 */
export function dialogErrors(
  err: unknown,
  t: TFunction,
  map: (path: string) => string | null,
): { fields: Errors; general: string[] } {
  const fields: Errors = {};
  const general: string[] = [];
  if (isApiError(err) && err.fieldErrors.length > 0) {
    for (const fe of err.fieldErrors) {
      const key = map(normalizePath(fe.path).join('.'));
      if (key) fields[key] = fields[key] ? `${fields[key]} ${fe.message}` : fe.message;
      else general.push(fe.message);
    }
    // The field errors alone may not say why (e.g. a status conflict with one path).
    if (general.length === 0 && Object.keys(fields).length === 0) general.push(errorMessage(err, t));
  } else general.push(errorMessage(err, t));
  return { fields, general };
}
