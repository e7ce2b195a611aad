import { ActionIcon, Badge, Button, Grid, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronDown, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, PageSkeleton, QueryError } from '@web/components/QueryState';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { useCustomerRules, useDeleteRule, type CustomerFull } from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { isRuleKind, RULE_KINDS, sortRules } from './knowledge';
import { RuleFormModal, type RuleModalState } from './RuleFormModal';
import { RuleLine } from './RuleLine';
import { RuleTester } from './RuleTester';

/** Rules tab: every rule of the customer (add, change, delete) and the tester beside them. */
export function RulesTab({ customer }: { customer: CustomerFull }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const rules = useCustomerRules(customer.id);
  const remove = useDeleteRule(customer.id);
  const [modal, setModal] = useState<RuleModalState | null>(null);
  const k = 'customerKnowledge.rules';

  const addMenu = canEdit && (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          rightSection={<IconChevronDown size={14} />}
          data-testid="rule-add"
        >
          {t(`${k}.add`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {RULE_KINDS.map((kind) => (
          <Menu.Item key={kind} onClick={() => setModal({ kind, rule: null })} data-testid={`rule-add-${kind}`}>
            <Text size="sm">{t(`customerKnowledge.kinds.${kind}`)}</Text>
            <Text size="xs" c="dimmed">
              {t(`customerKnowledge.kindHints.${kind}`)}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  const list = sortRules(rules.data ?? []);
  const active = list.filter((r) => r.active);
  const inactive = list.filter((r) => !r.active);

  const row = (r: (typeof list)[number]) => (
    <Paper key={r.id} withBorder p="xs" data-testid={`rule-row-${r.id}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <div style={{ flex: 1, minWidth: 0 }}>
          <RuleLine rule={r} shipTos={customer.shipTos} currency={customer.currency} />
          <Group gap={6} mt={4} ml={104}>
            <Text size="xs" c="dimmed">
              {t(`customerKnowledge.kinds.${r.kind}`, { defaultValue: r.kind })}
            </Text>
            {!r.active && (
              <Badge size="xs" color="gray" variant="outline">
                {t(`${k}.inactive`)}
              </Badge>
            )}
          </Group>
        </div>
        {canEdit && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label={t('common.edit')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('common.edit')}
                disabled={!isRuleKind(r.kind)}
                onClick={() => isRuleKind(r.kind) && setModal({ kind: r.kind, rule: r })}
                data-testid={`rule-edit-${r.id}`}
              >
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
            <ConfirmDelete
              label={t(`${k}.delete`)}
              question={t(`${k}.deleteConfirm`)}
              loading={remove.isPending && remove.variables === r.id}
              onConfirm={() =>
                remove.mutate(r.id, {
                  onSuccess: () => notifySuccess(t(`${k}.deleted`)),
                  onError: (e) => notifyError(e, t),
                })
              }
              testId={`rule-delete-${r.id}`}
            />
          </Group>
        )}
      </Group>
    </Paper>
  );

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <FormSection title={t(`${k}.title`)} description={t(`${k}.hint`)} actions={addMenu} testId="rules-list">
          {rules.isPending ? (
            <PageSkeleton rows={4} />
          ) : rules.isError ? (
            <QueryError error={rules.error} onRetry={() => void rules.refetch()} />
          ) : list.length === 0 ? (
            <EmptyBlock title={t(`${k}.empty`)} description={t(`${k}.emptyHint`)} />
          ) : (
            <Stack gap="xs">
              {active.map(row)}
              {inactive.length > 0 && (
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="sm">
                  {t(`${k}.inactiveTitle`)}
                </Text>
              )}
              {inactive.map(row)}
            </Stack>
          )}
        </FormSection>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <RuleTester customerId={customer.id} shipTos={customer.shipTos} currency={customer.currency} />
      </Grid.Col>
      <RuleFormModal
        customerId={customer.id}
        shipTos={customer.shipTos}
        currency={customer.currency}
        state={modal}
        onClose={() => setModal(null)}
      />
    </Grid>
  );
}
