import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Quote, QuoteStatus } from './api';
import { daysFromToday } from './lib';

export const QUOTE_STATUS_COLOR: Record<QuoteStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'teal',
  refused: 'red',
  expired: 'orange',
  cancelled: 'dark',
  converted: 'violet',
};

export function QuoteStatusBadge({ status, ...rest }: { status: QuoteStatus | string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={QUOTE_STATUS_COLOR[status as QuoteStatus] ?? 'gray'}
      data-testid="quote-status"
      data-status={status}
      {...rest}
    >
      {t(`quotes.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

const SOURCE_COLOR: Record<string, string> = {
  contract: 'violet',
  customer_price: 'teal',
  customer_price_list: 'cyan',
  promotion: 'pink',
  price_list: 'blue',
  catalog: 'gray',
};

/** Where a price comes from: Contrat / Prix client / Promotion / Tarif / Catalogue. */
export function PriceSourceBadge({ type, ...rest }: { type: string } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      variant="light"
      color={SOURCE_COLOR[type] ?? 'gray'}
      data-testid="price-source"
      data-source={type}
      {...rest}
    >
      {t(`quotes.priceSource.${type}`, { defaultValue: type })}
    </Badge>
  );
}

/** "expire dans 12 jours" / "expire aujourd'hui" / "expiré", for quotes still waiting for an answer. */
export function ValidityBadge({ quote }: { quote: Pick<Quote, 'status' | 'validUntil'> }) {
  const { t } = useTranslation();
  if (quote.status === 'expired')
    return (
      <Badge component="span" size="sm" color="red" variant="light" data-testid="quote-validity">
        {t('quotes.validity.expired')}
      </Badge>
    );
  if (quote.status !== 'draft' && quote.status !== 'sent') return null;
  const days = daysFromToday(quote.validUntil);
  if (days === null) return null;
  const [color, label] =
    days < 0
      ? ['red', t('quotes.validity.expired')]
      : days === 0
        ? ['orange', t('quotes.validity.today')]
        : [days <= 7 ? 'orange' : 'gray', t('quotes.validity.inDays', { count: days })];
  return (
    <Badge component="span" size="sm" color={color} variant="light" data-testid="quote-validity">
      {label}
    </Badge>
  );
}
