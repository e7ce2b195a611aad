import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { isApiError, NetworkError } from '@web/client/api';

/** A person-readable message for any error thrown by the API client or the UI. */
export function errorMessage(err: unknown, t: TFunction): string {
  if (isApiError(err)) {
    if (err.status === 429) return err.problem.detail || t('errors.rateLimited');
    if (err.status === 403) return err.problem.detail || t('errors.forbidden');
    if (err.status === 404) return err.problem.detail || t('errors.notFound');
    return err.problem.detail || err.problem.title || t('errors.unexpected');
  }
  if (err instanceof NetworkError) return t('errors.network');
  if (err instanceof Error && err.message) return err.message;
  return t('errors.unexpected');
}

export function errorTitle(err: unknown, t: TFunction): string {
  if (isApiError(err) && err.problem.detail && err.problem.title) return err.problem.title;
  return t('errors.title');
}

const FORM_ERROR_ID = 'relais-form-error';

export function notifyError(err: unknown, t: TFunction) {
  notifications.show({ color: 'red', title: errorTitle(err, t), message: errorMessage(err, t), autoClose: 8000 });
}

/** A rejected form: the messages are under the fields, the notification only points at them. */
export function notifyFormErrors(err: unknown, t: TFunction) {
  notifications.hide(FORM_ERROR_ID);
  notifications.show({
    id: FORM_ERROR_ID,
    color: 'red',
    title: isApiError(err) ? err.problem.title : t('errors.formTitle'),
    message: t('errors.checkFields'),
    autoClose: 8000,
  });
}

export function clearFormErrorNotice() {
  notifications.hide(FORM_ERROR_ID);
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}
