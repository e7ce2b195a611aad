import { Alert, Button, Grid, Group, List, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey, type ProblemFieldError } from '@web/client/api';
import { DateField } from '@web/features/quotes/DateField';
import { useUsers } from '@web/features/users/api';
import { clearFormErrorNotice, notifySuccess } from '@web/lib/errors';
import { focusFirstError, handleSubmitError } from '@web/lib/formErrors';
import { req } from '@web/lib/required';
import { TEAMS, useCreateTask, type Task, type Team } from './api';

interface TaskFormValues {
  title: string;
  description: string;
  team: string | null;
  assigneeId: string | null;
  dueDate: string | null;
}

/** "Nouvelle tâche": for a team, a person or both, with an optional due date and related document. */
export function NewTaskModal({
  opened,
  onClose,
  defaultTeam,
  related,
}: {
  opened: boolean;
  onClose: () => void;
  defaultTeam?: Team | null;
  related?: Task['related'];
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={t('tasks.form.title')}>
      {opened && <TaskForm defaultTeam={defaultTeam ?? null} related={related ?? null} onDone={onClose} />}
    </Modal>
  );
}

function TaskForm({
  defaultTeam,
  related,
  onDone,
}: {
  defaultTeam: Team | null;
  related: Task['related'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateTask();
  const users = useUsers();
  const [general, setGeneral] = useState<ProblemFieldError[]>([]);
  const form = useForm<TaskFormValues>({
    mode: 'controlled',
    initialValues: { title: '', description: '', team: defaultTeam, assigneeId: null, dueDate: null },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      assigneeId: (v, values) => (v || values.team ? null : t('tasks.form.assigneeOrTeam')),
    },
  });

  const teamOptions = TEAMS.map((team) => ({ value: team, label: t(`tasks.teams.${team}`) }));
  const userOptions = (users.data?.data ?? []).map((u) => ({
    value: u.id,
    label: u.absent ? `${u.name} (${t('tasks.absent')})` : u.name,
  }));

  const submit = form.onSubmit(
    (v) => {
      setGeneral([]);
      create.mutate(
        {
          idempotencyKey: newIdempotencyKey(),
          body: {
            title: v.title.trim(),
            description: v.description.trim() || null,
            team: v.team || null,
            assigneeId: v.assigneeId || null,
            dueDate: v.dueDate || null,
            related,
          },
        },
        {
          onSuccess: () => {
            clearFormErrorNotice();
            notifySuccess(t('tasks.created'));
            onDone();
          },
          onError: (err) => handleSubmitError(form, err, t, setGeneral),
        },
      );
    },
    () => focusFirstError(),
  );

  return (
    <form onSubmit={submit} noValidate data-testid="task-form">
      <Stack gap="sm">
        {general.length > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertCircle />} title={t('errors.formTitle')}>
            <List size="sm">
              {general.map((e, i) => (
                <List.Item key={i}>{e.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <TextInput
          label={t('tasks.fields.title')}
          placeholder={t('tasks.form.titlePlaceholder')}
          {...req}
          maxLength={300}
          data-autofocus
          data-testid="task-title"
          {...form.getInputProps('title')}
        />
        <Textarea
          label={t('tasks.fields.description')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4000}
          data-testid="task-description"
          {...form.getInputProps('description')}
        />
        <Text size="sm" c="dimmed">
          {t('tasks.form.assignHint')}
        </Text>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('tasks.fields.team')}
              placeholder={t('tasks.form.noTeam')}
              data={teamOptions}
              clearable
              data-testid="task-team"
              {...form.getInputProps('team')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('tasks.fields.assignee')}
              placeholder={t('tasks.form.noAssignee')}
              data={userOptions}
              searchable
              clearable
              nothingFoundMessage={t('common.noOptions')}
              disabled={users.isPending}
              data-testid="task-assignee"
              {...form.getInputProps('assigneeId')}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <DateField
              label={t('tasks.fields.dueDate')}
              clearable
              data-testid="task-due-date"
              {...form.getInputProps('dueDate')}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending}
            leftSection={<IconPlus size={16} />}
            data-testid="task-submit"
          >
            {t('tasks.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
