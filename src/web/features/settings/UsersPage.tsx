import { Badge, Group, Paper } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { User } from '@web/client/types';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { useUsers } from '../users/api';
import { AbsenceSwitch } from '../portfolio/AbsenceSwitch';

/** Users of the company (read-only for now). */
export function UsersPage() {
  const { t } = useTranslation();
  const q = useUsers();
  const records = q.data?.data ?? [];
  return (
    <>
      <PageHeader title={t('users.title')} subtitle={t('users.subtitle')} />
      <Paper withBorder p="sm">
        {q.isError ? (
          <QueryError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <DataTable<User>
            withTableBorder={false}
            striped
            verticalSpacing={6}
            fz="sm"
            minHeight={records.length === 0 ? 200 : undefined}
            fetching={q.isFetching}
            records={records}
            idAccessor="id"
            emptyState={q.isPending ? <span /> : <EmptyBlock title={t('users.empty')} />}
            columns={[
              { accessor: 'name', title: t('users.name') },
              { accessor: 'email', title: t('users.email') },
              {
                accessor: 'roles',
                title: t('users.roles'),
                render: (u) => (
                  <Group gap={4}>
                    {u.roles.map((r) => (
                      <Badge
                        key={r}
                        size="sm"
                        variant="light"
                        color={r === 'admin' ? 'grape' : r === 'viewer' ? 'gray' : 'indigo'}
                      >
                        {t(`roles.${r}`, { defaultValue: r })}
                      </Badge>
                    ))}
                  </Group>
                ),
              },
              {
                accessor: 'absent',
                title: t('users.availability'),
                width: 160,
                render: (u) => <AbsenceSwitch user={u} />,
              },
            ]}
          />
        )}
      </Paper>
    </>
  );
}
