import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '@web/client/types';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { useSetAbsent } from './api';

/** "Absent(e)" switch of one user; the server refuses what the current user may not change and says why. */
export function AbsenceSwitch({ user }: { user: User }) {
  const { t } = useTranslation();
  const setAbsent = useSetAbsent();
  const pending = setAbsent.isPending;
  const checked = pending ? (setAbsent.variables?.absent ?? user.absent) : user.absent;
  return (
    <Switch
      size="sm"
      color="orange"
      checked={checked}
      disabled={pending}
      label={checked ? t('customerKnowledge.absence.absent') : t('customerKnowledge.absence.present')}
      aria-label={t('customerKnowledge.absence.toggle', { name: user.name })}
      onChange={(e) => {
        const absent = e.currentTarget.checked;
        setAbsent.mutate(
          { id: user.id, absent },
          {
            onSuccess: (u) =>
              notifySuccess(
                t(u.absent ? 'customerKnowledge.absence.nowAbsent' : 'customerKnowledge.absence.nowPresent', {
                  name: u.name,
                }),
              ),
            onError: (err) => notifyError(err, t),
          },
        );
      }}
      data-testid={`absent-switch-${user.email}`}
    />
  );
}
