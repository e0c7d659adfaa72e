import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NeedCategory } from '../../../../shared/contract/cases';
import type { Settings } from '../../../../shared/contract/settings';
import { formatCaseNumber, isValidCaseNumberFormat } from '../../../../shared/domain/case-number';
import { fiscalYearOf } from '../../../../shared/domain/fiscal-year';
import { KasaneError } from '../../../../shared/contract';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { TextField, useFlash } from '../../components/forms';
import { ConfirmActions, ErrorAlert, FormActions, Modal, SaveActions, todayIso } from '../directory/ui';
import { AdministratorFieldset, PanelTitle, useAdministratorGate } from '../../components/administrator';
import { useCategories } from './shared';
import './cases.css';

/** 設定 › ケース番号: the format of new case numbers, with a live example for the current 年度. */
export function CaseNumberSettings({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState(initial.caseNumberFormat);
  const [flash, setFlash] = useFlash();
  const [touched, setTouched] = useState(false);
  const valid = isValidCaseNumberFormat(format.trim());
  const example = formatCaseNumber(format.trim(), fiscalYearOf(todayIso()), 1);
  // The format of new case numbers is printed on every document: an administrator's (settings.update).
  const gate = useAdministratorGate();
  const save = useMutation({
    mutationFn: (caseNumberFormat: string) => invoke('settings.update', { caseNumberFormat }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings.get'], saved);
      setFormat(saved.caseNumberFormat);
      setFlash(t('cases.settings.caseNumberSaved'));
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setFlash(null);
    if (valid) save.mutate(format.trim());
  }

  const error = (touched || format !== initial.caseNumberFormat) && !valid ? t('cases.settings.needsSeq') : undefined;
  return (
    <form className="panel settings-panel" onSubmit={submit} noValidate aria-labelledby="case-number-heading">
      <PanelTitle id="case-number-heading" gate={gate}>
        {t('cases.settings.caseNumberHeading')}
      </PanelTitle>
      <p className="field-hint">{t('cases.settings.caseNumberIntro')}</p>
      <AdministratorFieldset gate={gate}>
        <TextField
          label={t('cases.settings.caseNumberFormat')}
          name="caseNumberFormat"
          required
          maxLength={40}
          value={format}
          onChange={(e) => setFormat(e.target.value)}
          hint={t('cases.settings.caseNumberHint')}
          error={error}
          autoComplete="off"
          spellCheck={false}
          className="field-mono"
        />
        <p className="case-number-example" aria-live="polite">
          {valid ? t('cases.settings.example', { example }) : null}
        </p>
        {save.error && <ErrorAlert>{errorText(t, save.error)}</ErrorAlert>}
        <SaveActions label={t('cases.settings.saveCaseNumber')} pending={save.isPending} status={flash} />
      </AdministratorFieldset>
    </form>
  );
}

const labelTaken = (error: unknown) =>
  error instanceof KasaneError &&
  error.code === 'validation_failed' &&
  Array.isArray(error.details.issues) &&
  (error.details.issues as { code?: unknown }[]).some((i) => i.code === 'label_taken');

type CategoryDialog = { kind: 'rename' | 'retire'; category: NeedCategory } | null;

/** 設定 › 相談の分類: add, rename and retire the categories of need. */
export function CategorySettings() {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [flash, setFlash] = useFlash();
  const [label, setLabel] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<CategoryDialog>(null);
  // Every case and the annual report are counted by these: an administrator's (category.*).
  const gate = useAdministratorGate();

  const refreshList = () => {
    void queryClient.invalidateQueries({ queryKey: ['category.list'] });
    void queryClient.invalidateQueries({ queryKey: ['case.get'] });
    void queryClient.invalidateQueries({ queryKey: ['case.list'] });
  };
  const create = useMutation({
    mutationFn: (l: string) => invoke('category.create', { label: l }),
    onSuccess: (c) => {
      setLabel('');
      setFlash(t('cases.settings.added', { label: c.label }));
      refreshList();
    },
  });
  const retire = useMutation({
    mutationFn: (c: NeedCategory) => invoke('category.retire', { id: c.id }),
    onSuccess: (_, c) => {
      setDialog(null);
      setFlash(t('cases.settings.retired', { label: c.label }));
      refreshList();
    },
  });

  function add(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    if (!label.trim()) {
      setLocalError(t('directory.common.required'));
      return;
    }
    setLocalError(null);
    create.mutate(label.trim());
  }
  const addError = localError ?? (labelTaken(create.error) ? t('cases.settings.labelTaken') : undefined);

  return (
    <section className="panel settings-panel" aria-labelledby="categories-heading">
      <PanelTitle id="categories-heading" gate={gate}>
        {t('cases.settings.categoriesHeading')}
      </PanelTitle>
      <p className="field-hint">{t('cases.settings.categoriesIntro')}</p>
      {categories.error && <ErrorAlert>{errorText(t, categories.error)}</ErrorAlert>}
      {categories.isPending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : (
        <table className="data-table compact category-table">
          <caption className="visually-hidden">{t('cases.settings.categoriesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.settings.categoryLabel')}</th>
              <th scope="col">{t('cases.settings.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(categories.data ?? []).length === 0 && (
              <tr>
                <td colSpan={2}>{t('cases.settings.empty')}</td>
              </tr>
            )}
            {(categories.data ?? []).map((c) => (
              <tr key={c.id}>
                <th scope="row" className="cell-strong">
                  {c.label}
                </th>
                <td>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button button-small"
                      {...gate.control}
                      onClick={() => setDialog({ kind: 'rename', category: c })}
                      aria-label={`${t('cases.settings.rename')}：${c.label}`}
                    >
                      {t('cases.settings.rename')}
                    </button>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      {...gate.control}
                      onClick={() => {
                        retire.reset();
                        setDialog({ kind: 'retire', category: c });
                      }}
                      aria-label={`${t('cases.settings.retire')}：${c.label}`}
                    >
                      {t('cases.settings.retire')}
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="category-add" onSubmit={add} noValidate>
        <AdministratorFieldset gate={gate} className="category-add-fields">
          <TextField label={t('cases.settings.newCategory')} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} error={addError} autoComplete="off" />
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('cases.settings.addCategory')}
          </button>
        </AdministratorFieldset>
      </form>
      {create.error && !labelTaken(create.error) && <ErrorAlert>{errorText(t, create.error)}</ErrorAlert>}
      <p className="status-line" role="status">
        {flash}
      </p>
      <Modal
        open={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog ? t(dialog.kind === 'rename' ? 'cases.settings.renameHeading' : 'cases.settings.retireHeading', { label: dialog.category.label }) : ''}
      >
        {dialog?.kind === 'rename' && (
          <RenameForm
            category={dialog.category}
            onDone={(c) => {
              setDialog(null);
              setFlash(t('cases.settings.renamed', { label: c.label }));
              refreshList();
            }}
            onCancel={() => setDialog(null)}
          />
        )}
        {dialog?.kind === 'retire' && (
          <>
            <p>{t('cases.settings.retireText')}</p>
            {retire.error && <ErrorAlert>{errorText(t, retire.error)}</ErrorAlert>}
            <ConfirmActions
              cancelLabel={t('cases.cancel')}
              onCancel={() => setDialog(null)}
              confirmLabel={t('cases.settings.retireConfirm')}
              onConfirm={() => retire.mutate(dialog.category)}
              pending={retire.isPending}
            />
          </>
        )}
      </Modal>
    </section>
  );
}

function RenameForm({ category, onDone, onCancel }: { category: NeedCategory; onDone: (c: NeedCategory) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [label, setLabel] = useState(category.label);
  const [local, setLocal] = useState<string | null>(null);
  const rename = useMutation({ mutationFn: (l: string) => invoke('category.rename', { id: category.id, label: l }), onSuccess: onDone });
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!label.trim()) {
      setLocal(t('directory.common.required'));
      return;
    }
    setLocal(null);
    if (label.trim() === category.label) onCancel();
    else rename.mutate(label.trim());
  }
  const error = local ?? (labelTaken(rename.error) ? t('cases.settings.labelTaken') : undefined);
  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('cases.settings.categoryLabel')} required value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} error={error} autoFocus autoComplete="off" />
      {rename.error && !labelTaken(rename.error) && <ErrorAlert>{errorText(t, rename.error)}</ErrorAlert>}
      <FormActions
        cancelLabel={t('cases.cancel')}
        onCancel={onCancel}
        submitLabel={t('cases.settings.renameSubmit')}
        pending={rename.isPending}
        pendingLabel={t('cases.saving')}
      />
    </form>
  );
}
