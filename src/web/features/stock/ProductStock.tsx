import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import {
  IconAdjustments,
  IconArrowRight,
  IconCalendarPlus,
  IconCheck,
  IconPackageImport,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '@web/auth/AuthProvider';
import type { Product } from '@web/client/types';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { formatDate, formatDateTime, formatDecimal } from '@web/lib/format';
import { useUsers } from '../users/api';
import {
  useExpectedReceipts,
  useSetLocation,
  useStockLevels,
  useStockMoves,
  useWarehouses,
  type ExpectedReceipt,
  type StockLevel,
  type StockMove,
} from './api';
import { AdjustmentModal, CloseExpectedModal, ExpectedReceiptModal, ReceiptModal } from './StockModals';

const isZero = (v: string) => !/[1-9]/.test(v);
const isNegative = (v: string) => v.trim().startsWith('-') && !isZero(v);

/** The available quantity, red when nothing is left. */
export function AvailableQty({ value, testId }: { value: string; testId?: string }) {
  const { i18n } = useTranslation();
  const none = isZero(value) || isNegative(value);
  return (
    <Text size="sm" fw={700} c={none ? 'red.8' : 'teal.8'} className="relais-num" data-testid={testId}>
      {formatDecimal(value, i18n.language)}
    </Text>
  );
}

/** The bin location, edited in place (saved on blur or Enter) by users who may change stock. */
function LocationCell({ level }: { level: StockLevel }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const save = useSetLocation();
  const [value, setValue] = useState(level.location ?? '');
  if (!canEdit)
    return (
      <Text size="sm" c={level.location ? undefined : 'dimmed'}>
        {level.location ?? '—'}
      </Text>
    );
  const commit = () => {
    const next = value.trim() || null;
    if (next !== (level.location ?? null))
      save.mutate({ productId: level.productId, warehouseId: level.warehouseId, location: next });
  };
  return (
    <TextInput
      size="xs"
      w={110}
      value={value}
      placeholder={t('stock.fields.locationPlaceholder')}
      aria-label={t('stock.fields.location')}
      onChange={(e) => setValue(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      error={save.isError}
      data-testid={`level-location-${level.warehouseCode}`}
    />
  );
}

/** On hand / reserved / available per warehouse, with the bin location. */
export function LevelsTable({ levels, unit }: { levels: StockLevel[]; unit?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'stock.fields';
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="product-stock-levels">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`${k}.warehouse`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.onHand`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.reserved`)}</Table.Th>
          <Table.Th ta="right">{t(`${k}.available`)}</Table.Th>
          <Table.Th>{t(`${k}.location`)}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {levels.map((l) => (
          <Table.Tr key={l.warehouseId} data-testid={`product-stock-${l.warehouseCode}`}>
            <Table.Td>
              <Text size="sm" fw={500} span>
                {l.warehouseCode}
              </Text>{' '}
              <Text size="xs" c="dimmed" span>
                {l.warehouseName}
              </Text>
            </Table.Td>
            <Table.Td ta="right" className="relais-num" data-testid="level-on-hand">
              {formatDecimal(l.onHand, lang)}
              {unit && (
                <Text span size="xs" c="dimmed">
                  {' '}
                  {unit}
                </Text>
              )}
            </Table.Td>
            <Table.Td ta="right" className="relais-num" c={isZero(l.reserved) ? 'dimmed' : undefined}>
              {formatDecimal(l.reserved, lang)}
            </Table.Td>
            <Table.Td ta="right">
              <AvailableQty value={l.available} testId="level-available" />
            </Table.Td>
            <Table.Td>
              <LocationCell level={l} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Open expected receipts, by date, with « Réceptionner » / « Annuler » per row. */
export function ExpectedTable({
  receipts,
  names,
  withProduct,
}: {
  receipts: ExpectedReceipt[];
  names?: Map<string, string>;
  withProduct?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { canEdit } = useAuth();
  const warehouses = useWarehouses();
  const multi = (warehouses.data?.length ?? 0) > 1;
  const [closing, setClosing] = useState<{ receipt: ExpectedReceipt; action: 'receive' | 'cancel' } | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const k = 'stock.fields';
  return (
    <>
      <Table.ScrollContainer minWidth={withProduct ? 720 : 420}>
        <Table verticalSpacing={4} fz="sm" striped data-testid="expected-receipts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t(`${k}.expectedDate`)}</Table.Th>
              {withProduct && <Table.Th>{t(`${k}.product`)}</Table.Th>}
              <Table.Th ta="right">{t(`${k}.quantity`)}</Table.Th>
              <Table.Th>{t(`${k}.reference`)}</Table.Th>
              {multi && <Table.Th>{t(`${k}.warehouse`)}</Table.Th>}
              {canEdit && <Table.Th w={80} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {receipts.map((r) => {
              const overdue = r.expectedDate < today;
              return (
                <Table.Tr key={r.id} data-testid={`expected-row-${r.sku}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" c={overdue ? 'orange.8' : undefined} fw={overdue ? 600 : undefined}>
                        {formatDate(r.expectedDate, lang)}
                      </Text>
                      {overdue && (
                        <Badge size="xs" color="orange" variant="light">
                          {t('stock.expected.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  {withProduct && (
                    <Table.Td>
                      <Anchor component={Link} to={`/stock?productId=${r.productId}`} size="sm" fw={600}>
                        {r.sku}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        {names?.get(r.productId) ?? ''}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td ta="right" className="relais-num" fw={600}>
                    {formatDecimal(r.quantity, lang)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={r.reference ? undefined : 'dimmed'} lineClamp={1}>
                      {r.reference || '—'}
                    </Text>
                  </Table.Td>
                  {multi && <Table.Td>{warehouses.data?.find((w) => w.id === r.warehouseId)?.code ?? ''}</Table.Td>}
                  {canEdit && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" justify="flex-end">
                        <Tooltip label={t('stock.expected.actions.receive')} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="teal"
                            onClick={() => setClosing({ receipt: r, action: 'receive' })}
                            aria-label={t('stock.expected.actions.receive')}
                            data-testid="expected-receive"
                          >
                            <IconCheck size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('stock.expected.actions.cancel')} withinPortal>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => setClosing({ receipt: r, action: 'cancel' })}
                            aria-label={t('stock.expected.actions.cancel')}
                            data-testid="expected-cancel"
                          >
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CloseExpectedModal
        receipt={closing?.receipt ?? null}
        action={closing?.action ?? 'receive'}
        onClose={() => setClosing(null)}
      />
    </>
  );
}

const KIND_COLOR: Record<string, string> = { receipt: 'teal', adjustment: 'yellow', issue: 'blue', return: 'grape' };

function MoveReference({ m }: { m: StockMove }) {
  const { t } = useTranslation();
  const ref = m.reference;
  if (!ref) return null;
  const label = t(`stock.moves.refTypes.${ref.type}`, { defaultValue: ref.type });
  if (ref.type === 'order')
    return (
      <Anchor component={Link} to={`/orders/${ref.id}`} size="xs">
        {label}
      </Anchor>
    );
  return (
    <Text span size="xs" c="dimmed">
      {label}
    </Text>
  );
}

/** The ledger of a product, latest first. */
export function MovesTable({ moves }: { moves: StockMove[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const users = useUsers();
  const warehouses = useWarehouses();
  const multi = (warehouses.data?.length ?? 0) > 1;
  const who = (id: string | null) => (id ? (users.data?.data.find((u) => u.id === id)?.name ?? '') : '');
  const k = 'stock.moves';
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing={4} fz="sm" striped data-testid="stock-moves">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${k}.date`)}</Table.Th>
            <Table.Th>{t(`${k}.kind`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.quantity`)}</Table.Th>
            <Table.Th>{t(`${k}.reason`)}</Table.Th>
            {multi && <Table.Th>{t('stock.fields.warehouse')}</Table.Th>}
            <Table.Th>{t(`${k}.by`)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {moves.map((m) => {
            const negative = isNegative(m.quantity);
            return (
              <Table.Tr key={m.id} data-testid={`move-${m.kind}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.createdAt, lang)}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={KIND_COLOR[m.kind] ?? 'gray'}>
                    {t(`${k}.kinds.${m.kind}`, { defaultValue: m.kind })}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right" className="relais-num" fw={600} c={negative ? 'red.8' : 'teal.8'}>
                  {negative ? '' : '+'}
                  {formatDecimal(m.quantity, lang)}
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {m.reason && (
                      <Text size="sm" lineClamp={2}>
                        {m.reason}
                      </Text>
                    )}
                    <MoveReference m={m} />
                    {!m.reason && !m.reference && (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                {multi && <Table.Td>{warehouses.data?.find((w) => w.id === m.warehouseId)?.code ?? ''}</Table.Td>}
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {who(m.createdBy)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Buttons opening the three stock dialogs for one product. */
export function StockActions({ product, size = 'xs' }: { product: Product; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [dialog, setDialog] = useState<'receipt' | 'adjustment' | 'expected' | null>(null);
  if (!canEdit) return null;
  const close = () => setDialog(null);
  return (
    <>
      <Group gap={6}>
        <Button
          size={size}
          variant="light"
          leftSection={<IconPackageImport size={14} />}
          onClick={() => setDialog('receipt')}
          data-testid="product-stock-receipt"
        >
          {t('stock.actions.receipt')}
        </Button>
        <Button
          size={size}
          variant="default"
          leftSection={<IconAdjustments size={14} />}
          onClick={() => setDialog('adjustment')}
          data-testid="product-stock-adjustment"
        >
          {t('stock.actions.adjustment')}
        </Button>
        <Button
          size={size}
          variant="default"
          leftSection={<IconCalendarPlus size={14} />}
          onClick={() => setDialog('expected')}
          data-testid="product-stock-expected"
        >
          {t('stock.actions.expected')}
        </Button>
      </Group>
      <ReceiptModal opened={dialog === 'receipt'} onClose={close} product={product} />
      <AdjustmentModal opened={dialog === 'adjustment'} onClose={close} product={product} />
      <ExpectedReceiptModal opened={dialog === 'expected'} onClose={close} product={product} />
    </>
  );
}

/** Everything about one product's stock: balances, supply on its way, movements (the stock page's drawer). */
export function ProductStockPanel({ product }: { product: Product }) {
  const { t } = useTranslation();
  const levels = useStockLevels({ productId: product.id });
  const expected = useExpectedReceipts({ productId: product.id, status: 'open' });
  const moves = useStockMoves(product.id);
  const k = 'stock.panel';
  return (
    <Stack gap="md" data-testid="product-stock-panel">
      <Group justify="space-between">
        <Anchor component={Link} to={`/products/${product.id}`} size="sm">
          {t(`${k}.openProduct`)} <IconArrowRight size={12} />
        </Anchor>
        <StockActions product={product} />
      </Group>
      <FormSection title={t(`${k}.levels`)}>
        {levels.isError ? (
          <QueryError error={levels.error} onRetry={() => void levels.refetch()} />
        ) : levels.isPending ? (
          <Skeleton height={60} />
        ) : levels.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`${k}.noLevels`)}
          </Text>
        ) : (
          <LevelsTable levels={levels.data} unit={product.unit} />
        )}
      </FormSection>
      <FormSection title={t(`${k}.expected`)}>
        {expected.isError ? (
          <QueryError error={expected.error} onRetry={() => void expected.refetch()} />
        ) : expected.isPending ? (
          <Skeleton height={40} />
        ) : expected.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t(`${k}.noExpected`)}
          </Text>
        ) : (
          <ExpectedTable receipts={expected.data} />
        )}
      </FormSection>
      <FormSection title={t(`${k}.moves`)} description={t(`${k}.movesHint`)}>
        {moves.isError ? (
          <QueryError error={moves.error} onRetry={() => void moves.refetch()} />
        ) : moves.isPending ? (
          <Skeleton height={80} />
        ) : moves.data.length === 0 ? (
          <EmptyBlock title={t(`${k}.noMoves`)} />
        ) : (
          <MovesTable moves={moves.data} />
        )}
      </FormSection>
    </Stack>
  );
}

/** The « Stock » card of the product page: balances per warehouse and the next expected receipts. */
export function ProductStockCard({ product }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const levels = useStockLevels({ productId: product.id });
  const expected = useExpectedReceipts({ productId: product.id, status: 'open' });
  const next = (expected.data ?? []).slice(0, 3);
  const k = 'stock.card';
  return (
    <FormSection
      title={t(`${k}.title`)}
      testId="product-stock"
      actions={
        <Anchor component={Link} to={`/stock?productId=${product.id}`} size="sm" data-testid="product-stock-link">
          {t(`${k}.details`)}
        </Anchor>
      }
    >
      {!product.stockTracked ? (
        <Text size="sm" c="dimmed">
          {t(`${k}.notTracked`)}
        </Text>
      ) : levels.isError ? (
        <QueryError error={levels.error} onRetry={() => void levels.refetch()} />
      ) : levels.isPending ? (
        <Skeleton height={60} />
      ) : (
        <Stack gap="sm">
          {levels.data.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('stock.panel.noLevels')}
            </Text>
          ) : (
            <LevelsTable levels={levels.data} unit={product.unit} />
          )}
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3} mb={4}>
              {t(`${k}.nextReceipts`)}
            </Text>
            {next.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('stock.panel.noExpected')}
              </Text>
            ) : (
              <Stack gap={2} data-testid="product-stock-expected-list">
                {next.map((r) => (
                  <Group key={r.id} gap={6} wrap="nowrap">
                    <Text size="sm" w={110}>
                      {formatDate(r.expectedDate, lang)}
                    </Text>
                    <Text size="sm" fw={600} className="relais-num">
                      +{formatDecimal(r.quantity, lang)}
                    </Text>
                    {r.reference && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {r.reference}
                      </Text>
                    )}
                  </Group>
                ))}
                {(expected.data?.length ?? 0) > next.length && (
                  <Text size="xs" c="dimmed">
                    {t(`${k}.more`, { count: (expected.data?.length ?? 0) - next.length })}
                  </Text>
                )}
              </Stack>
            )}
          </div>
          <StockActions product={product} />
        </Stack>
      )}
    </FormSection>
  );
}
