import { useId, useState, type ChangeEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportPreview } from '../../../../shared/contract/directory-import';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { AdministratorOnlyNote, useAdministratorGate } from '../../components/administrator';
import { ErrorAlert, Modal } from './ui';
import { downloadBlob, fileToBase64 } from './files';

/** The columns of each CSV, in template order (the core checks the same names). */
export const IMPORT_COLUMNS: Record<ImportKind, { all: string[]; required: string[] }> = {
  organizations: { all: ['名称', '種別', '連絡先', '誓約免除の理由'], required: ['名称', '種別'] },
  members: { all: ['氏名', 'ふりがな', '所属機関', '職名', '連絡先', '開始日'], required: ['氏名', '所属機関'] },
};

/** The columns and the value an exemption in a file depends on (the file's own words, always Japanese). */
const NAME_COLUMN = '名称';
const KIND_COLUMN = '種別';
const EXEMPTION_COLUMN = '誓約免除の理由';
const PARTNER_KIND = '関係機関';

/** At most 2 MB (the contract's limit on the base64 text is about that). */
const MAX_BYTES = 2 * 1024 * 1024;

/** The header line of a template: UTF-8 with BOM so that Excel reads the Japanese names. */
export function templateCsv(kind: ImportKind): string {
  return `\uFEFF${IMPORT_COLUMNS[kind].all.join(',')}\r\n`;
}

/** 「CSVから取り込む」: a button and its dialog (choose → preview → confirm → import). */
export function ImportCsvButton({ kind, onImported }: { kind: ImportKind; onImported: (message: string) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t('directory.import.open')}
      </button>
      <Modal open={open} onClose={() => setOpen(false)} title={t(`directory.import.heading.${kind}`)} wide>
        {open && (
          <ImportDialog
            kind={kind}
            onClose={() => setOpen(false)}
            onImported={(message) => {
              setOpen(false);
              onImported(message);
            }}
          />
        )}
      </Modal>
    </>
  );
}

function ImportDialog({ kind, onClose, onImported }: { kind: ImportKind; onClose: () => void; onImported: (message: string) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [data, setData] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const columns = IMPORT_COLUMNS[kind];
  const colName = (c: string) => t(`directory.import.columnNames.${c}`, { defaultValue: c });

  const preview = useMutation({
    mutationFn: (dataBase64: string) => invoke('directory.importPreview', { kind, dataBase64 }),
  });
  const commit = useMutation({
    mutationFn: () => invoke('directory.importCommit', { kind, dataBase64: data ?? '', skipInvalid }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['organization.list'] });
      void queryClient.invalidateQueries({ queryKey: ['member.list'] });
      onImported(t('directory.import.done', result));
    },
  });

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    preview.reset();
    commit.reset();
    setData(null);
    setSkipInvalid(false);
    setLocalError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setLocalError(t('directory.import.fileTooLarge'));
      return;
    }
    const base64 = await fileToBase64(file);
    setData(base64);
    preview.mutate(base64);
  }

  const p: ImportPreview | undefined = preview.data;
  // An exemption in a file is an administrator's decision as on screen, and a 関係機関 (not bound
  // by statute) is never exempted from a file: the core refuses the whole import; say so before.
  const gate = useAdministratorGate();
  const exemptRows = kind === 'organizations' && p ? p.rows.filter((r) => r.problems.length === 0 && (r.values[EXEMPTION_COLUMN] ?? '').trim() !== '') : [];
  const partnerExempt = exemptRows.filter((r) => r.values[KIND_COLUMN] === PARTNER_KIND).map((r) => r.values[NAME_COLUMN] ?? '');
  const exemptionBlock = exemptRows.length > 0 && !gate.allowed ? 'staff' : partnerExempt.length > 0 ? 'partner' : null;
  const blocked = !p || p.validRows === 0 || (p.invalidRows > 0 && !skipInvalid) || exemptionBlock !== null;

  return (
    <div className="import-dialog">
      <p>{t('directory.import.intro')}</p>
      <div className="import-columns">
        <p>
          <strong>{t('directory.import.columnsLabel')}：</strong>
          {columns.all.map(colName).join(t('common.listSeparator'))}
        </p>
        <p>{t('directory.import.requiredColumns', { columns: columns.required.map(colName).join(t('common.listSeparator')) })}</p>
        <p className="field-hint">{kind === 'organizations' ? t('directory.import.kindValues') : t('directory.import.dateFormat')}</p>
        <p>
          <button
            type="button"
            className="link-button"
            onClick={() => downloadBlob(new Blob([templateCsv(kind)], { type: 'text/csv;charset=utf-8' }), t(`directory.import.templateFile.${kind}`))}
            aria-describedby={`${fileId}-template-hint`}
          >
            {t('directory.import.template')}
          </button>
          <span id={`${fileId}-template-hint`} className="field-hint import-template-hint">
            {t('directory.import.templateHint')}
          </span>
        </p>
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor={fileId}>{t('directory.import.file')}</label>
        </div>
        <input id={fileId} type="file" accept=".csv,text/csv" className="input input-file" onChange={(e) => void onFile(e)} />
      </div>
      {preview.isPending && (
        <p className="loading-inline" role="status">
          {t('directory.import.reading')}
        </p>
      )}
      {localError && <ErrorAlert>{localError}</ErrorAlert>}
      {preview.error && <ErrorAlert>{errorText(t, preview.error)}</ErrorAlert>}
      {p && (
        <section aria-labelledby={`${fileId}-preview`} className="import-preview">
          <h3 id={`${fileId}-preview`} className="subheading">
            {t('directory.import.previewHeading')}
          </h3>
          <p>{t('directory.import.encoding', { encoding: p.encoding })}</p>
          <p className={p.invalidRows > 0 ? 'import-counts import-counts-warn' : 'import-counts'}>
            {t('directory.import.counts', { valid: p.validRows, invalid: p.invalidRows })}
          </p>
          <div className="data-table-wrap import-table-wrap">
            <table className="data-table compact">
              <caption className="visually-hidden">{t('directory.import.rowsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.import.line')}</th>
                  <th scope="col">{t('directory.import.problems')}</th>
                  {p.columns.map((c) => (
                    <th key={c} scope="col" className="nowrap">
                      {colName(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((row) => (
                  <tr key={row.line} className={row.problems.length ? 'row-invalid' : undefined}>
                    <th scope="row" className="cell-number">
                      {row.line}
                    </th>
                    <td className="import-problems-cell">
                      {row.problems.length === 0 ? (
                        <span className="badge badge-ok">{t('directory.import.noProblem')}</span>
                      ) : (
                        <ul className="import-problems">
                          {row.problems.map((x, i) => (
                            <li key={i}>{t('directory.import.problemText', { column: colName(x.column), problem: t(`directory.import.problemCodes.${x.code}`) })}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                    {p.columns.map((c) => (
                      <td key={c} className={row.problems.some((x) => x.column === c) ? 'nowrap cell-invalid' : 'nowrap'}>
                        {row.values[c] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.invalidRows > 0 && p.validRows > 0 && (
            <div className="field">
              <label className="checkbox checkbox-strong">
                <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} aria-describedby={`${fileId}-skip-hint`} />
                {t('directory.import.skipInvalid')}
              </label>
              <p id={`${fileId}-skip-hint`} className="field-hint">
                {t('directory.import.skipRequired')}
              </p>
            </div>
          )}
          {p.validRows === 0 && <p className="field-hint">{t('directory.import.nothingValid')}</p>}
        </section>
      )}
      {exemptionBlock === 'staff' && (
        <div className="import-exemption-note" role="note">
          <AdministratorOnlyNote gate={gate} />
          <p>{t('directory.import.exemptionStaff', { count: exemptRows.length })}</p>
        </div>
      )}
      {exemptionBlock === 'partner' && (
        <p className="import-exemption-note exemption-warning" role="note">
          {t('directory.import.exemptionPartner', { names: partnerExempt.join(t('common.listSeparator')) })}
        </p>
      )}
      {commit.error && <ErrorAlert>{errorText(t, commit.error)}</ErrorAlert>}
      <div className="dialog-actions dialog-actions-split">
        <button type="button" className="button" onClick={onClose}>
          {t('directory.common.cancel')}
        </button>
        <button type="button" className="button button-primary" disabled={blocked || commit.isPending} onClick={() => commit.mutate()}>
          {commit.isPending ? t('directory.import.committing') : t('directory.import.commit')}
        </button>
      </div>
    </div>
  );
}
