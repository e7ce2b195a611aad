import { Badge, Tooltip, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dec, isDecimalString } from '@shared/decimal';
import { formatPercent } from '@web/lib/format';
import type { Allocation, BankLine, DunningLetter } from './api';

type Confidence = 'high' | 'medium' | 'low';
const CONFIDENCE_COLOR: Record<Confidence, string> = { high: 'teal', medium: 'yellow', low: 'orange' };

function confidenceOf(value: string): Confidence {
  const c = isDecimalString(value) ? dec(value) : dec(0);
  if (c.gte('0.9')) return 'high';
  if (c.gte('0.75')) return 'medium';
  return 'low';
}

/** How sure the suggestion is: « Élevée 95 % » (0.90 and up), « Moyenne » (0.75 and up), « Faible ». */
export function ConfidenceBadge({ value, ...rest }: { value: string } & BadgeProps) {
  const { t, i18n } = useTranslation();
  const level = confidenceOf(value);
  const percent = isDecimalString(value) ? dec(value).times(100).toFixed(0) : '0';
  return (
    <Tooltip label={t('receivables.bank.confidenceHint')} withinPortal>
      <Badge
        variant="light"
        color={CONFIDENCE_COLOR[level]}
        data-testid="bank-confidence"
        data-level={level}
        data-value={value}
        {...rest}
      >
        {t(`receivables.confidence.${level}`)} · {formatPercent(percent, i18n.language)}
      </Badge>
    </Tooltip>
  );
}

const LINE_STATUS_COLOR: Record<BankLine['status'], string> = {
  unmatched: 'orange',
  suggested: 'blue',
  matched: 'teal',
  ignored: 'gray',
};

export function BankLineStatusBadge({ status, ...rest }: { status: BankLine['status'] } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={LINE_STATUS_COLOR[status] ?? 'gray'}
      data-testid="bank-line-status"
      data-status={status}
      {...rest}
    >
      {t(`receivables.lineStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

const LEVEL_COLORS = ['gray', 'blue', 'yellow', 'orange', 'red', 'red', 'red', 'red', 'red', 'red'];

/** « Niveau 2 · Deuxième relance », warmer as it climbs. */
export function DunningLevelBadge({
  level,
  name,
  ...rest
}: { level: number; name: string } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={LEVEL_COLORS[level] ?? 'red'}
      data-testid="dunning-level"
      data-level={level}
      {...rest}
    >
      {t('receivables.dunning.levelBadge', {
        level,
        name: t(`receivables.levelNames.${name}`, { defaultValue: name }),
      })}
    </Badge>
  );
}

const LETTER_STATUS_COLOR: Record<DunningLetter['status'], string> = {
  proposed: 'blue',
  sent: 'teal',
  cancelled: 'gray',
};

export function LetterStatusBadge({ status, ...rest }: { status: DunningLetter['status'] } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="dot"
      color={LETTER_STATUS_COLOR[status] ?? 'gray'}
      data-testid="dunning-letter-status"
      data-status={status}
      {...rest}
    >
      {t(`receivables.letterStatus.${status}`, { defaultValue: status })}
    </Badge>
  );
}

const KIND_COLOR: Record<Allocation['kind'], string> = { payment: 'teal', offset: 'grape', write_off: 'orange' };

/** Règlement / Compensation d'avoir / Passage en perte. */
export function AllocationKindBadge({ kind, ...rest }: { kind: Allocation['kind'] } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={KIND_COLOR[kind] ?? 'gray'} data-kind={kind} {...rest}>
      {t(`receivables.allocationKind.${kind}`, { defaultValue: kind })}
    </Badge>
  );
}
