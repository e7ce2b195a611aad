import { ActionIcon, Button, Code, FileButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '@web/auth/AuthProvider';
import { EmptyBlock } from '@web/components/QueryState';
import { FormSection } from '@web/components/FormSection';
import { notifyError, notifySuccess } from '@web/lib/errors';
import { formatDecimal } from '@web/lib/format';
import { downloadFile, useUploadAttachment, type Quote, type QuoteAttachment } from './api';

/** 1536 → "1,5 Ko" / "1.5 KB" (display only). */
export function formatSize(bytes: number, lang: string, unitLabels: string[]): string {
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < unitLabels.length - 1) {
    n /= 1024;
    u++;
  }
  const shown = u === 0 ? String(n) : n.toFixed(n >= 10 ? 0 : 1);
  return `${formatDecimal(shown, lang)} ${unitLabels[u]}`;
}

/** Files attached to a quote (tender documents…): upload, list with size and SHA-256, download. */
export function QuoteAttachments({ quote }: { quote: Quote }) {
  const { t, i18n } = useTranslation();
  const { canEdit, session } = useAuth();
  const upload = useUploadAttachment(quote.id, session?.csrfToken);
  const [downloading, setDownloading] = useState<string | null>(null);
  const units = t('quotes.attachments.units', { returnObjects: true }) as unknown as string[];

  const onFile = (file: File | null) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (a) => notifySuccess(t('quotes.attachments.uploaded', { name: a.filename })),
      onError: (e) => notifyError(e, t),
    });
  };

  const download = async (a: QuoteAttachment) => {
    setDownloading(a.id);
    try {
      await downloadFile(`/quotes/${encodeURIComponent(quote.id)}/attachments/${encodeURIComponent(a.id)}`, a.filename);
    } catch (e) {
      notifyError(e, t);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <FormSection
      title={t('quotes.attachments.title')}
      description={t('quotes.attachments.hint')}
      testId="quote-attachments"
      actions={
        canEdit && (
          <FileButton onChange={onFile}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="light"
                leftSection={<IconUpload size={14} />}
                loading={upload.isPending}
                data-testid="attachment-upload"
              >
                {t('quotes.attachments.add')}
              </Button>
            )}
          </FileButton>
        )
      }
    >
      {quote.attachments.length === 0 ? (
        <EmptyBlock title={t('quotes.attachments.none')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('quotes.attachments.name')}</Table.Th>
                <Table.Th w={110} ta="right">
                  {t('quotes.attachments.size')}
                </Table.Th>
                <Table.Th>{t('quotes.attachments.sha256')}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quote.attachments.map((a) => (
                <Table.Tr key={a.id} data-testid={`attachment-${a.filename}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <IconPaperclip size={14} color="var(--mantine-color-gray-6)" />
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                          {a.filename}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {a.contentType}
                        </Text>
                      </div>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="relais-num">
                    {formatSize(a.size, i18n.language, Array.isArray(units) ? units : ['B'])}
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={a.sha256} withinPortal>
                      <Code fz="xs" data-testid="attachment-sha256">
                        {a.sha256.slice(0, 16)}…
                      </Code>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={t('quotes.attachments.download')} withinPortal>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('quotes.attachments.download')}
                        loading={downloading === a.id}
                        onClick={() => void download(a)}
                        data-testid="attachment-download"
                      >
                        <IconDownload size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </FormSection>
  );
}
