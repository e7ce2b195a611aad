import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertCircle,
  IconChecks,
  IconEyeOff,
  IconFileUpload,
  IconLink,
  IconRefresh,
  IconUpload,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@web/client/api';
import { useAuth } from '@web/auth/AuthProvider';
import { CursorPager } from '@web/components/CursorPager';
import { FormSection } from '@web/components/FormSection';
import { EmptyBlock, QueryError } from '@web/components/QueryState';
import { errorMessage, notifyError, notifySuccess } from '@web/lib/errors';
import { formatDate, formatDateTime, formatMoney } from '@web/lib/format';
import { useCursorPager } from '@web/lib/useCursorPager';
import {
  OPEN_LINE_STATUSES,
  useAcceptLines,
  useBankLines,
  useIgnoreLine,
  useImportStatement,
  usePreviewStatement,
  useRefreshSuggestions,
  type AcceptResult,
  type BankImport,
  type BankLine,
  type BankStatement,
} from './api';
import { BankLineStatusBadge, ConfidenceBadge } from './badges';
import { codeLabel, isZero, readFileBase64, reasonLabel } from './lib';
import { MatchModal } from './MatchModal';

const PAGE_SIZE = 100;

/** The messages of a refused statement file (each names the line of the file it is about). */
function fileErrors(err: unknown, t: TFunction): string[] {
  if (isApiError(err) && err.fieldErrors.length > 0) return err.fieldErrors.map((e) => e.message);
  return [errorMessage(err, t)];
}

/** /receivables/bank — « Rapprochement bancaire »: import a statement, then settle its lines with the suggestions. */
export function BankPage() {
  return (
    <Stack gap="md">
      <StatementImport />
      <OpenLines />
    </Stack>
  );
}

function StatementImport() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [imported, setImported] = useState<BankImport | null>(null);
  const preview = usePreviewStatement();
  const importFile = useImportStatement();
  const k = 'receivables.bank';

  const choose = async (f: File | null) => {
    setFile(f);
    setContent(null);
    setProblems([]);
    setImported(null);
    preview.reset();
    if (!f) return;
    let base64: string;
    try {
      base64 = await readFileBase64(f);
    } catch (e) {
      notifyError(e, t);
      return;
    }
    setContent(base64);
    preview.mutate({ fileName: f.name, contentBase64: base64 }, { onError: (err) => setProblems(fileErrors(err, t)) });
  };

  const statements = preview.data?.statements ?? [];
  const nothingNew = statements.length > 0 && statements.every((s) => s.alreadyImported);

  const doImport = () => {
    if (!file || !content) return;
    importFile.mutate(
      { fileName: file.name, contentBase64: content },
      {
        onSuccess: (r) => {
          setImported(r);
          setFile(null);
          setContent(null);
          preview.reset();
          notifySuccess(t(`${k}.importedCount`, { count: r.lines.length }));
        },
        onError: (err) => setProblems(fileErrors(err, t)),
      },
    );
  };

  if (!canEdit) return null;
  return (
    <FormSection title={t(`${k}.importTitle`)} description={t(`${k}.importHint`)} testId="bank-import-section">
      <Stack gap="sm">
        <FileInput
          label={t(`${k}.file`)}
          placeholder={t(`${k}.filePlaceholder`)}
          accept=".xml,.txt,.csv,.053,.120,.cfonb,text/csv,text/plain,application/xml,text/xml"
          leftSection={<IconFileUpload size={16} />}
          value={file}
          onChange={(f) => void choose(f)}
          clearable
          disabled={importFile.isPending}
          maw={520}
          fileInputProps={{ 'data-testid': 'bank-file' } as ComponentPropsWithoutRef<'input'>}
          data-testid="bank-file-button"
        />
        {preview.isPending && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t(`${k}.reading`)}</Text>
          </Group>
        )}
        {problems.length > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle />}
            title={t(`${k}.fileRefused`)}
            data-testid="bank-file-error"
          >
            {problems.map((m, i) => (
              <Text key={i} size="sm">
                {m}
              </Text>
            ))}
          </Alert>
        )}
        {statements.length > 0 && (
          <Stack gap="xs" data-testid="bank-preview">
            <StatementsTable statements={statements} />
            {nothingNew && (
              <Alert color="gray" variant="light" data-testid="bank-nothing-new">
                {t(`${k}.nothingNew`)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void choose(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                leftSection={<IconUpload size={16} />}
                onClick={doImport}
                loading={importFile.isPending}
                disabled={nothingNew}
                data-testid="bank-import"
              >
                {t(`${k}.import`)}
              </Button>
            </Group>
          </Stack>
        )}
        {imported && (
          <Alert
            color="teal"
            variant="light"
            data-testid="bank-import-result"
            withCloseButton
            onClose={() => setImported(null)}
          >
            {t(`${k}.importedSummary`, {
              count: imported.lines.length,
              suggested: imported.lines.filter((l) => l.status === 'suggested').length,
              statements: imported.statements.filter((s) => !s.alreadyImported).length,
            })}
          </Alert>
        )}
      </Stack>
    </FormSection>
  );
}

function StatementsTable({ statements }: { statements: BankStatement[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.bank.statement';
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table fz="sm" verticalSpacing={6} withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`${k}.format`)}</Table.Th>
            <Table.Th>{t(`${k}.account`)}</Table.Th>
            <Table.Th>{t(`${k}.period`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.opening`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.closing`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.lines`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.credits`)}</Table.Th>
            <Table.Th ta="right">{t(`${k}.duplicates`)}</Table.Th>
            <Table.Th>{t(`${k}.state`)}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {statements.map((s, i) => (
            <Table.Tr key={s.id ?? `${s.sha256}-${i}`} data-testid="bank-preview-statement">
              <Table.Td>
                <Badge variant="outline" color="gray">
                  {t(`receivables.bank.formats.${s.format}`, { defaultValue: s.format })}
                </Badge>
              </Table.Td>
              <Table.Td className="relais-num">{s.account ?? '—'}</Table.Td>
              <Table.Td className="relais-num">
                {formatDate(s.fromDate, lang)}
                {s.toDate !== s.fromDate ? ` → ${formatDate(s.toDate, lang)}` : ''}
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {formatMoney(s.openingBalance, lang, s.currency)}
              </Table.Td>
              <Table.Td ta="right" className="relais-num">
                {formatMoney(s.closingBalance, lang, s.currency)}
              </Table.Td>
              <Table.Td ta="right" className="relais-num" data-testid="bank-preview-lines">
                {s.lineCount}
              </Table.Td>
              <Table.Td ta="right" className="relais-num" data-testid="bank-preview-credits">
                {s.creditCount}
              </Table.Td>
              <Table.Td ta="right" className="relais-num" data-testid="bank-preview-duplicates">
                {s.duplicateLines}
              </Table.Td>
              <Table.Td>
                {s.alreadyImported ? (
                  <Tooltip
                    label={t(`${k}.importedOn`, { date: formatDateTime(s.importedAt, lang) })}
                    withinPortal
                    disabled={!s.importedAt}
                  >
                    <Badge color="gray" variant="light" data-testid="bank-preview-already">
                      {t(`${k}.already`)}
                    </Badge>
                  </Tooltip>
                ) : (
                  <Badge color="blue" variant="light">
                    {t(`${k}.new`)}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The lines still to handle: unmatched and suggested, with the suggestion, to accept in one go or match by hand. */
function OpenLines() {
  const { t } = useTranslation();
  const { canEdit } = useAuth();
  const pager = useCursorPager('open');
  const q = useBankLines({ status: OPEN_LINE_STATUSES }, pager.cursor, PAGE_SIZE);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [matching, setMatching] = useState<BankLine | null>(null);
  const [failures, setFailures] = useState<(AcceptResult & { line?: BankLine })[]>([]);
  const accept = useAcceptLines();
  const ignore = useIgnoreLine();
  const refresh = useRefreshSuggestions();
  const k = 'receivables.bank';
  const lines = q.data?.data ?? [];
  const acceptable = lines.filter((l) => l.status === 'suggested' && !!l.suggestion?.customerId);
  const chosen = acceptable.filter((l) => selected.has(l.id));
  const all = acceptable.length > 0 && chosen.length === acceptable.length;

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const acceptSelected = () =>
    accept.mutate(
      chosen.map((l) => l.id),
      {
        onSuccess: (r) => {
          const ok = r.results.filter((x) => x.paymentId);
          const ko = r.results.filter((x) => !x.paymentId);
          setSelected(new Set());
          setFailures(ko.map((x) => ({ ...x, line: lines.find((l) => l.id === x.lineId) })));
          if (ok.length) notifySuccess(t(`${k}.accepted`, { count: ok.length }));
        },
        onError: (err) => notifyError(err, t),
      },
    );

  return (
    <FormSection
      title={t(`${k}.linesTitle`)}
      description={t(`${k}.linesHint`)}
      testId="bank-lines"
      actions={
        canEdit && (
          <Group gap="xs">
            <Tooltip label={t(`${k}.refreshHint`)} withinPortal>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconRefresh size={14} />}
                loading={refresh.isPending}
                onClick={() =>
                  refresh.mutate(undefined, {
                    onSuccess: (r) => notifySuccess(t(`${k}.refreshed`, { count: r.refreshed })),
                    onError: (err) => notifyError(err, t),
                  })
                }
                data-testid="bank-refresh"
              >
                {t(`${k}.refresh`)}
              </Button>
            </Tooltip>
            <Button
              size="xs"
              leftSection={<IconChecks size={14} />}
              disabled={chosen.length === 0}
              loading={accept.isPending}
              onClick={acceptSelected}
              data-testid="bank-accept"
            >
              {t(`${k}.acceptSelection`, { count: chosen.length })}
            </Button>
          </Group>
        )
      }
    >
      {failures.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertCircle />}
          title={t(`${k}.notAccepted`, { count: failures.length })}
          withCloseButton
          onClose={() => setFailures([])}
          mb="sm"
          data-testid="bank-accept-failures"
        >
          {failures.map((f) => (
            <Text key={f.lineId} size="sm">
              {f.line?.label ?? f.lineId} — {codeLabel(f.code ?? 'internal_error', t)}
            </Text>
          ))}
        </Alert>
      )}
      {q.isError && !q.data ? (
        <QueryError error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Group justify="center" p="lg">
          <Loader size="sm" />
        </Group>
      ) : lines.length === 0 ? (
        <EmptyBlock title={t(`${k}.noLines`)} description={t(`${k}.noLinesHint`)} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={980}>
            <Table fz="sm" verticalSpacing={8} highlightOnHover data-testid="bank-lines-table">
              <Table.Thead>
                <Table.Tr>
                  {canEdit && (
                    <Table.Th w={36}>
                      <Checkbox
                        aria-label={t(`${k}.selectAll`)}
                        checked={all}
                        indeterminate={chosen.length > 0 && !all}
                        disabled={acceptable.length === 0}
                        onChange={(e) =>
                          setSelected(e.currentTarget.checked ? new Set(acceptable.map((l) => l.id)) : new Set())
                        }
                        data-testid="bank-select-all"
                      />
                    </Table.Th>
                  )}
                  <Table.Th w={110}>{t(`${k}.columns.date`)}</Table.Th>
                  <Table.Th>{t(`${k}.columns.label`)}</Table.Th>
                  <Table.Th ta="right" w={130}>
                    {t(`${k}.columns.amount`)}
                  </Table.Th>
                  <Table.Th>{t(`${k}.columns.suggestion`)}</Table.Th>
                  {canEdit && <Table.Th w={200} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.map((l) => (
                  <LineRow
                    key={l.id}
                    line={l}
                    canEdit={canEdit}
                    selectable={acceptable.includes(l)}
                    selected={selected.has(l.id)}
                    onSelect={(on) => toggle(l.id, on)}
                    onMatch={() => setMatching(l)}
                    ignoring={ignore.isPending && ignore.variables === l.id}
                    onIgnore={() =>
                      ignore.mutate(l.id, {
                        onSuccess: () => {
                          toggle(l.id, false);
                          notifySuccess(t(`${k}.ignored`));
                        },
                        onError: (err) => notifyError(err, t),
                      })
                    }
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <CursorPager
            page={pager.page}
            pageSize={PAGE_SIZE}
            count={lines.length}
            nextCursor={q.data?.nextCursor}
            onNext={pager.next}
            onPrev={pager.prev}
            disabled={q.isFetching}
          />
        </>
      )}
      <MatchModal line={matching} onClose={() => setMatching(null)} />
    </FormSection>
  );
}

interface RowProps {
  line: BankLine;
  canEdit: boolean;
  selectable: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onMatch: () => void;
  onIgnore: () => void;
  ignoring: boolean;
}

function LineRow({ line: l, canEdit, selectable, selected, onSelect, onMatch, onIgnore, ignoring }: RowProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const k = 'receivables.bank';
  const s = l.suggestion;
  const money = (v: string) => formatMoney(v, lang, l.currency);
  return (
    <Table.Tr data-testid={`bank-line-${l.id}`} data-status={l.status} style={{ verticalAlign: 'top' }}>
      {canEdit && (
        <Table.Td>
          <Checkbox
            aria-label={t(`${k}.select`, { label: l.label })}
            checked={selected}
            disabled={!selectable}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            data-testid={`bank-line-select-${l.id}`}
          />
        </Table.Td>
      )}
      <Table.Td className="relais-num">
        <Text size="sm">{formatDate(l.bookingDate, lang)}</Text>
        {l.valueDate && l.valueDate !== l.bookingDate && (
          <Text size="xs" c="dimmed">
            {t(`${k}.valueDate`, { date: formatDate(l.valueDate, lang) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }} data-testid="bank-line-label">
          {l.label}
        </Text>
        {l.remittance.length > 0 && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {l.remittance.join(' · ')}
          </Text>
        )}
        {(l.payerName || l.payerIban) && (
          <Text size="xs" c="dimmed" className="relais-num">
            {[l.payerName, l.payerIban].filter(Boolean).join(' · ')}
          </Text>
        )}
        {l.structuredReference && (
          <Text size="xs" c="dimmed" className="relais-num">
            {t(`${k}.structuredReference`, { reference: l.structuredReference })}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600} className="relais-num" data-testid="bank-line-amount">
          {money(l.amount)}
        </Text>
      </Table.Td>
      <Table.Td data-testid="bank-line-suggestion">
        {s?.customerId ? (
          <Stack gap={4}>
            <Group gap={6} wrap="wrap">
              <Anchor
                component={Link}
                to={`/customers/${s.customerId}`}
                size="sm"
                fw={600}
                data-testid="bank-suggestion-customer"
              >
                {s.customerName}
              </Anchor>
              <ConfidenceBadge value={s.confidence} size="sm" />
            </Group>
            {s.allocations.map((a) => (
              <Group key={a.invoiceId} gap={6} wrap="nowrap">
                <Anchor
                  component={Link}
                  to={`/invoices/${a.invoiceId}`}
                  size="sm"
                  className="relais-num"
                  data-testid="bank-suggestion-invoice"
                >
                  {a.invoiceNumber}
                </Anchor>
                <Text size="sm" c="dimmed" className="relais-num">
                  {money(a.amount)}
                </Text>
              </Group>
            ))}
            {s.writeOff && (
              <Text size="xs" c="orange">
                {t(`${k}.writeOffProposed`, { amount: money(s.writeOff.amount) })}
              </Text>
            )}
            {!isZero(s.unallocated) && (
              <Text size="xs" c="dimmed">
                {t(`${k}.unallocated`, { amount: money(s.unallocated) })}
              </Text>
            )}
            <Reasons reasons={s.reasons} />
          </Stack>
        ) : (
          <Stack gap={4}>
            <BankLineStatusBadge status={l.status} size="sm" w="max-content" />
            {s && <Reasons reasons={s.reasons} />}
          </Stack>
        )}
      </Table.Td>
      {canEdit && (
        <Table.Td>
          <Group gap={6} justify="flex-end" wrap="nowrap">
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconLink size={14} />}
              onClick={onMatch}
              data-testid={`bank-match-${l.id}`}
            >
              {t(`${k}.match`)}
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={<IconEyeOff size={14} />}
              onClick={onIgnore}
              loading={ignoring}
              data-testid={`bank-ignore-${l.id}`}
            >
              {t(`${k}.ignore`)}
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

function Reasons({ reasons }: { reasons: string[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap" data-testid="bank-suggestion-reasons">
      {reasons.map((r) => (
        <Badge key={r} size="xs" variant="default" radius="sm" tt="none" fw={500} data-reason={r}>
          {reasonLabel(r, t)}
        </Badge>
      ))}
    </Group>
  );
}
