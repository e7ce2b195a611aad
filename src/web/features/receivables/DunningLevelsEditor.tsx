import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceSettings } from '../invoices/api';
import { levelLabel } from './lib';

type Level = NonNullable<InvoiceSettings['dunningLevels']>[number];

/** A level as the form holds it (the numbers may be half-typed). */
export interface LevelValue {
  level: number | string;
  name: string;
  offsetDays: number | string;
  channel: Level['channel'];
  includesPenalties: boolean;
  formalNotice: boolean;
}

/** The part of the invoice settings form this editor owns. */
export interface LadderValues {
  customLadder: boolean;
  dunningLevels: LevelValue[];
}

/**
 * The ladder the server applies when the company has none of its own (DOMAIN.md §5): courtesy 5 days before the
 * due date, then 1, 15, 30 days after, then the formal notice at 45 days by letter.
 */
export const DEFAULT_LADDER: Level[] = [
  { level: 0, name: 'courtesy', offsetDays: -5, channel: 'email', includesPenalties: false, formalNotice: false },
  { level: 1, name: 'reminder', offsetDays: 1, channel: 'email', includesPenalties: false, formalNotice: false },
  { level: 2, name: 'second_reminder', offsetDays: 15, channel: 'email', includesPenalties: true, formalNotice: false },
  { level: 3, name: 'last_reminder', offsetDays: 30, channel: 'email', includesPenalties: true, formalNotice: false },
  { level: 4, name: 'formal_notice', offsetDays: 45, channel: 'letter', includesPenalties: true, formalNotice: true },
];

export const CHANNELS = ['email', 'letter'] as const satisfies readonly Level['channel'][];

export function ladderToForm(levels: InvoiceSettings['dunningLevels'] | undefined): LadderValues {
  return { customLadder: !!levels, dunningLevels: (levels ?? []).map((l) => ({ ...l })) };
}

export function ladderToPayload(v: LadderValues): Level[] | null {
  if (!v.customLadder) return null;
  return v.dunningLevels.map((l) => ({
    level: Number(l.level),
    name: l.name.trim(),
    offsetDays: Number(l.offsetDays),
    channel: l.channel,
    includesPenalties: l.includesPenalties,
    formalNotice: l.formalNotice,
  }));
}

const isInt = (v: number | string) => v !== '' && Number.isInteger(Number(v));

/**
 * Mantine form rules of the ladder: each level a distinct number 0–9, a name, a delay from −60 to 365 days, and
 * delays increasing with the levels (a higher level must come later).
 */
export function ladderRules(t: TFunction) {
  const k = 'receivables.settings.errors';
  const indexOf = (path: string) => Number(path.split('.')[1]);
  return {
    dunningLevels: {
      level: (v: number | string, values: LadderValues, path: string) => {
        if (!values.customLadder) return null;
        if (!isInt(v) || Number(v) < 0 || Number(v) > 9) return t(`${k}.level`);
        const i = indexOf(path);
        return values.dunningLevels.some((o, j) => j !== i && isInt(o.level) && Number(o.level) === Number(v))
          ? t(`${k}.levelDuplicate`)
          : null;
      },
      name: (v: string, values: LadderValues) => (values.customLadder && !v.trim() ? t('validation.required') : null),
      offsetDays: (v: number | string, values: LadderValues, path: string) => {
        if (!values.customLadder) return null;
        if (!isInt(v) || Number(v) < -60 || Number(v) > 365) return t(`${k}.offset`);
        const me = values.dunningLevels[indexOf(path)];
        if (!me || !isInt(me.level)) return null;
        const lower = values.dunningLevels.filter(
          (o) => isInt(o.level) && isInt(o.offsetDays) && Number(o.level) < Number(me.level),
        );
        return lower.some((o) => Number(o.offsetDays) >= Number(v)) ? t(`${k}.offsetOrder`) : null;
      },
    },
  };
}

interface Props {
  value: LadderValues;
  onChange: (next: LadderValues) => void;
  errors: Record<string, ReactNode>;
}

/** « Échelle de relance »: the default ladder, or the company's own levels (level, name, delay, channel…). */
export function DunningLevelsEditor({ value, onChange, errors }: Props) {
  const { t } = useTranslation();
  const k = 'receivables.settings';
  const levels = value.dunningLevels;
  const setLevel = (i: number, patch: Partial<LevelValue>) =>
    onChange({ ...value, dunningLevels: levels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const err = (i: number, f: keyof LevelValue) => errors[`dunningLevels.${i}.${f}`];
  const shown: LevelValue[] = value.customLadder ? levels : DEFAULT_LADDER;

  return (
    <div data-testid="dunning-ladder">
      <Group justify="space-between" mb="xs">
        <Switch
          label={t(`${k}.customLadder`)}
          description={t(`${k}.customLadderHint`)}
          checked={value.customLadder}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            onChange({
              customLadder: on,
              // Start from the default ladder, its names in the interface's language.
              dunningLevels:
                on && levels.length === 0 ? DEFAULT_LADDER.map((l) => ({ ...l, name: levelLabel(l.name, t) })) : levels,
            });
          }}
          data-testid="dunning-ladder-custom"
        />
      </Group>
      <Table.ScrollContainer minWidth={760}>
        <Table fz="sm" verticalSpacing={4} withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t(`${k}.level`)}</Table.Th>
              <Table.Th>{t(`${k}.name`)}</Table.Th>
              <Table.Th w={130}>{t(`${k}.offsetDays`)}</Table.Th>
              <Table.Th w={140}>{t(`${k}.channel`)}</Table.Th>
              <Table.Th w={110} ta="center">
                {t(`${k}.penalties`)}
              </Table.Th>
              <Table.Th w={110} ta="center">
                {t(`${k}.formalNotice`)}
              </Table.Th>
              {value.customLadder && <Table.Th w={44} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((l, i) => (
              <Table.Tr key={i} data-testid={`dunning-ladder-row-${i}`}>
                {value.customLadder ? (
                  <>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={0}
                        max={9}
                        allowDecimal={false}
                        aria-label={t(`${k}.level`)}
                        value={l.level}
                        onChange={(v) => setLevel(i, { level: v })}
                        error={err(i, 'level')}
                        data-testid={`dunning-ladder-level-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        maxLength={60}
                        aria-label={t(`${k}.name`)}
                        value={l.name}
                        onChange={(e) => setLevel(i, { name: e.currentTarget.value })}
                        error={err(i, 'name')}
                        data-testid={`dunning-ladder-name-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        size="xs"
                        min={-60}
                        max={365}
                        allowDecimal={false}
                        aria-label={t(`${k}.offsetDays`)}
                        value={l.offsetDays}
                        onChange={(v) => setLevel(i, { offsetDays: v })}
                        error={err(i, 'offsetDays')}
                        data-testid={`dunning-ladder-offset-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        aria-label={t(`${k}.channel`)}
                        data={CHANNELS.map((c) => ({ value: c, label: t(`receivables.dunning.channels.${c}`) }))}
                        value={l.channel}
                        onChange={(v) => v && setLevel(i, { channel: v as LevelValue['channel'] })}
                        allowDeselect={false}
                        comboboxProps={{ withinPortal: true }}
                        data-testid={`dunning-ladder-channel-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group justify="center">
                        <Checkbox
                          aria-label={t(`${k}.penalties`)}
                          checked={l.includesPenalties}
                          onChange={(e) => setLevel(i, { includesPenalties: e.currentTarget.checked })}
                          data-testid={`dunning-ladder-penalties-${i}`}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group justify="center">
                        <Checkbox
                          aria-label={t(`${k}.formalNotice`)}
                          checked={l.formalNotice}
                          onChange={(e) => setLevel(i, { formalNotice: e.currentTarget.checked })}
                          data-testid={`dunning-ladder-formal-${i}`}
                        />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        disabled={levels.length <= 1}
                        onClick={() => onChange({ ...value, dunningLevels: levels.filter((_, j) => j !== i) })}
                        aria-label={t(`${k}.remove`)}
                        data-testid={`dunning-ladder-remove-${i}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </>
                ) : (
                  <>
                    <Table.Td className="relais-num">{l.level}</Table.Td>
                    <Table.Td>{levelLabel(l.name, t)}</Table.Td>
                    <Table.Td className="relais-num">{offsetLabel(Number(l.offsetDays), t)}</Table.Td>
                    <Table.Td>{t(`receivables.dunning.channels.${l.channel}`)}</Table.Td>
                    <Table.Td ta="center">{l.includesPenalties ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td ta="center">{l.formalNotice ? t('common.yes') : t('common.no')}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {value.customLadder ? (
        <Group justify="space-between" mt="xs">
          <Text size="xs" c="dimmed">
            {t(`${k}.ladderHint`)}
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            disabled={levels.length >= 10}
            onClick={() => {
              const top = levels.reduce((m, l) => Math.max(m, isInt(l.level) ? Number(l.level) : -1), -1);
              const last = levels.reduce((m, l) => Math.max(m, isInt(l.offsetDays) ? Number(l.offsetDays) : -60), -60);
              onChange({
                ...value,
                dunningLevels: [
                  ...levels,
                  {
                    level: Math.min(top + 1, 9),
                    name: '',
                    offsetDays: Math.min(last + 15, 365),
                    channel: 'email',
                    includesPenalties: true,
                    formalNotice: false,
                  },
                ],
              });
            }}
            data-testid="dunning-ladder-add"
          >
            {t(`${k}.addLevel`)}
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed" mt="xs">
          {t(`${k}.defaultLadderHint`)}
        </Text>
      )}
    </div>
  );
}

/** « 5 jours avant l'échéance » / « à l'échéance » / « 15 jours après l'échéance ». */
export function offsetLabel(days: number, t: TFunction): string {
  const k = 'receivables.settings.offset';
  if (days === 0) return t(`${k}.onDue`);
  return days < 0 ? t(`${k}.before`, { count: -days }) : t(`${k}.after`, { count: days });
}
