import '@mantine/dates/styles.layer.css';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '@shared/dates';

/** "23/11/2026", "23.11.26", "2026-11-23" → "2026-11-23"; null when it is not a real date. */
export function parseUserDate(input: string): string | null {
  const s = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return isIsoDate(s) ? s : null;
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})$/.exec(s);
  if (!m) return null;
  const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
  const iso = `${year}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

type Props = Omit<DateInputProps, 'value' | 'onChange'> & {
  value?: string | null;
  onChange?: (value: string | null) => void;
};

/** A calendar date (ISO string) typed as dd/mm/yyyy or picked in a calendar, in the interface's language. */
export function DateField({ value, onChange, ...rest }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={parseUserDate}
      locale={i18n.language === 'en' ? 'en-gb' : 'fr'}
      placeholder={t('quotes.datePlaceholder')}
      leftSection={<IconCalendar size={16} stroke={1.6} />}
      popoverProps={{ withinPortal: true }}
      firstDayOfWeek={1}
      {...rest}
      value={value || null}
      onChange={onChange}
    />
  );
}
