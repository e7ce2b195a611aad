import { Anchor, Badge, Button, Chip, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconCheck, IconPlus } from '@tabler/icons-react';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { PageHeader } from '@web/components/PageHeader';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import { useUrlParams } from '@web/lib/useUrlState';
import {
  relatedPath,
  TASK_STATUSES,
  teamOfRoles,
  TEAMS,
  useTaskCommand,
  useTasks,
  type Task,
  type TaskScope,
  type TaskStatus,
  type Team,
} from './api';
import { NewTaskModal } from './NewTaskModal';

const PAGE_SIZE = 50;
const SCOPES: TaskScope[] = ['mine', 'team', 'all'];
const STATUS_COLOR: Record<TaskStatus, string> = { open: 'blue', done: 'teal', cancelled: 'gray' };

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={STATUS_COLOR[status] ?? 'gray'} data-testid="task-status">
      {t(`tasks.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** The work of the day: my tasks, my team's, or everyone's, with the document each one is about. */
export function TasksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit, roles } = useAuth();
  const { params, set: setParam } = useUrlParams();
  const [creating, setCreating] = useState(false);
  const command = useTaskCommand();

  const scope = (SCOPES as string[]).includes(params.get('scope') ?? '') ? (params.get('scope') as TaskScope) : 'mine';
  const myTeam = teamOfRoles(roles);
  const team = (TEAMS as readonly string[]).includes(params.get('team') ?? '') ? (params.get('team') as Team) : myTeam;
  // Open tasks unless another status (or all of them) is asked for.
  const statusParam = params.get('status') ?? 'open';
  const status = statusParam === 'all' ? '' : statusParam;

  const pager = useCursorPager(`${scope}|${team}|${status}`);
  const list = useTasks({
    assignee: scope === 'mine' ? 'me' : undefined,
    team: scope === 'team' ? team : undefined,
    status: status || undefined,
    cursor: pager.cursor,
    limit: PAGE_SIZE,
  });
  const records = list.data?.data ?? [];

  const complete = (task: Task) =>
    command.mutate(
      { id: task.id, command: 'complete' },
      {
        onSuccess: () => notifySuccess(t('tasks.completed', { title: task.title })),
        onError: (err) => notifyError(err, t),
      },
    );

  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        subtitle={t('tasks.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="tasks-new">
              {t('tasks.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="sm">
        <Stack gap="sm" mb="sm">
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              data={SCOPES.map((s) => ({ value: s, label: t(`tasks.scope.${s}`) }))}
              value={scope}
              onChange={(v) => setParam('scope', v === 'mine' ? null : v)}
              data-testid="tasks-scope"
            />
            {scope === 'team' && (
              <Select
                aria-label={t('tasks.fields.team')}
                data={TEAMS.map((tm) => ({ value: tm, label: t(`tasks.teams.${tm}`) }))}
                value={team}
                onChange={(v) => setParam('team', v && v !== myTeam ? v : null)}
                allowDeselect={false}
                w={{ base: '100%', sm: 220 }}
                data-testid="tasks-team"
              />
            )}
          </Group>
          <Chip.Group
            multiple={false}
            value={statusParam}
            onChange={(v) => setParam('status', v === 'open' ? null : v)}
          >
            <Group gap={6} data-testid="tasks-status-filter">
              {TASK_STATUSES.map((s) => (
                <Chip key={s} value={s} size="xs" variant="light" data-testid={`tasks-status-${s}`}>
                  {t(`tasks.statusFilter.${s}`)}
                </Chip>
              ))}
              <Chip value="all" size="xs" variant="light" data-testid="tasks-status-all">
                {t('tasks.allStatuses')}
              </Chip>
            </Group>
          </Chip.Group>
        </Stack>
        {list.isError && !list.data ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable<Task>
              withTableBorder={false}
              striped
              highlightOnHover
              verticalSpacing={6}
              fz="sm"
              minHeight={records.length === 0 ? 260 : undefined}
              fetching={list.isFetching}
              records={records}
              idAccessor="id"
              customRowAttributes={(r) => ({ 'data-testid': `task-row-${r.id}`, 'data-status': r.status })}
              emptyState={
                list.isPending ? (
                  <span />
                ) : (
                  <EmptyBlock title={t(`tasks.empty.${scope}`)} description={t('tasks.emptyHint')} />
                )
              }
              columns={[
                {
                  accessor: 'title',
                  title: t('tasks.fields.title'),
                  render: (r) => (
                    <Stack gap={0}>
                      <Text size="sm" fw={600} lineClamp={2}>
                        {r.title}
                      </Text>
                      {r.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {r.description}
                        </Text>
                      )}
                    </Stack>
                  ),
                },
                {
                  accessor: 'related',
                  title: t('tasks.fields.related'),
                  width: 150,
                  render: (r) => <RelatedLink related={r.related} />,
                },
                {
                  accessor: 'team',
                  title: t('tasks.fields.team'),
                  width: 140,
                  render: (r) =>
                    r.team ? (
                      <Badge size="sm" variant="outline" color="gray">
                        {t(`tasks.teams.${r.team}`, { defaultValue: r.team })}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ),
                },
                {
                  accessor: 'assigneeName',
                  title: t('tasks.fields.assignee'),
                  width: 180,
                  render: (r) => (
                    <Text size="sm" c={r.assigneeName ? undefined : 'dimmed'} lineClamp={1}>
                      {r.assigneeName ?? '—'}
                    </Text>
                  ),
                },
                {
                  accessor: 'dueDate',
                  title: t('tasks.fields.dueDate'),
                  width: 150,
                  render: (r) =>
                    r.dueDate ? (
                      <Stack gap={2} align="flex-start">
                        <span>{formatDate(r.dueDate, lang)}</span>
                        {r.overdue && (
                          <Badge size="xs" color="red" variant="light" data-testid="task-overdue">
                            {t('tasks.overdue')}
                          </Badge>
                        )}
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    ),
                },
                {
                  accessor: 'status',
                  title: t('tasks.fields.status'),
                  width: 150,
                  textAlign: 'right',
                  render: (r) =>
                    r.status === 'open' && canEdit ? (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="teal"
                        leftSection={<IconCheck size={14} />}
                        loading={command.isPending && command.variables?.id === r.id}
                        onClick={() => complete(r)}
                        data-testid={`task-complete-${r.id}`}
                      >
                        {t('tasks.complete')}
                      </Button>
                    ) : (
                      <TaskStatusBadge status={r.status} />
                    ),
                },
              ]}
            />
            <CursorPager
              page={pager.page}
              pageSize={PAGE_SIZE}
              count={records.length}
              nextCursor={list.data?.nextCursor}
              onNext={pager.next}
              onPrev={pager.prev}
              disabled={list.isFetching}
            />
          </>
        )}
      </Paper>
      <NewTaskModal opened={creating} onClose={() => setCreating(false)} defaultTeam={scope === 'team' ? team : null} />
    </>
  );
}

function RelatedLink({ related }: { related: Task['related'] }) {
  const { t } = useTranslation();
  if (!related)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const label = t(`tasks.related.${related.type}`, { defaultValue: related.type });
  const to = relatedPath(related);
  return to ? (
    <Anchor component={Link} to={to} size="sm" data-testid="task-related">
      {label}
    </Anchor>
  ) : (
    <Text size="sm">{label}</Text>
  );
}
