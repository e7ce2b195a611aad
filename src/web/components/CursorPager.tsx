import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '@web/lib/format';

interface Props {
  page: number;
  pageSize: number;
  count: number;
  total?: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrev: () => void;
  disabled?: boolean;
}

/** Previous/next controls for cursor-paginated lists, with the range and the total when the server gives it. */
export function CursorPager({ page, pageSize, count, total, nextCursor, onNext, onPrev, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const from = count === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = (page - 1) * pageSize + count;
  const fmt = (n: number) => formatDecimal(String(n), i18n.language);
  // Nothing to page through: the empty state says it all.
  if (count === 0 && page === 1) return null;
  return (
    <Group justify="space-between" mt="sm" gap="xs">
      <Text size="sm" c="dimmed" data-testid="pager-total">
        {total !== undefined
          ? t('pager.rangeOfTotal', { from: fmt(from), to: fmt(to), total: fmt(total), count: total })
          : t('pager.range', { from: fmt(from), to: fmt(to) })}
      </Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconChevronLeft size={14} />}
          disabled={disabled || page <= 1}
          onClick={onPrev}
          data-testid="pager-prev"
        >
          {t('pager.previous')}
        </Button>
        <Text size="sm" c="dimmed" miw={60} ta="center">
          {t('pager.page', { page })}
        </Text>
        <Button
          size="xs"
          variant="default"
          rightSection={<IconChevronRight size={14} />}
          disabled={disabled || !nextCursor}
          onClick={() => nextCursor && onNext(nextCursor)}
          data-testid="pager-next"
        >
          {t('pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
