import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { Organization, OrganizationKind } from '../../../../shared/contract/directory';
import { localIsoDate } from '../../../../shared/domain/calendar-date';
import { useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { TextField, useFlash } from '../../components/forms';
import { SortTable, type SortTableProps } from './SortTable';
import { ImportCsvButton } from './ImportCsv';
import { ExemptionDialog } from './ExemptionDialog';
import { useAdministratorGate } from '../../components/administrator';
import { ConfirmActions, ErrorAlert, Fact, FilterInput, FormActions, Modal, SelectField, formErrorText, shortDate, type SortingFeatures } from './ui';

const KINDS: OrganizationKind[] = ['city_department', 'contractor', 'partner'];
const helper = createColumnHelper<SortingFeatures, Organization>();

export function useOrganizations(includeRetired: boolean) {
  const invoke = useInvoke();
  return useQuery({
    queryKey: ['organization.list', { includeRetired }],
    queryFn: () => invoke('organization.list', { includeRetired }),
  });
}

type Editing = { mode: 'add' } | { mode: 'edit'; org: Organization } | null;

/** A directory tab under its toolbar: what was just done, an error, then the count and the table (or the loading line). */
export function DirectoryList<T extends { id: string }>({ flash, error, pending, ...table }: SortTableProps<T> & { flash: string | null; error: unknown; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="status-line" role="status">
        {flash}
      </p>
      {error ? <ErrorAlert>{errorText(t, error)}</ErrorAlert> : null}
      {pending ? (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      ) : (
        <>
          <p className="list-count">{t('directory.common.count', { count: table.data.length })}</p>
          <SortTable {...table} />
        </>
      )}
    </>
  );
}

export function OrganizationsTab() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState('');
  const [includeRetired, setIncludeRetired] = useState(true);
  const [editing, setEditing] = useState<Editing>(null);
  const [retiring, setRetiring] = useState<Organization | null>(null);
  const [exempting, setExempting] = useState<Organization | null>(null);
  const [flash, setFlash] = useFlash();
  const orgs = useOrganizations(includeRetired);

  const invalidate = () => {
    void queryClient.invalidateQueries({ queryKey: ['organization.list'] });
    void queryClient.invalidateQueries({ queryKey: ['member.list'] });
  };
  const retire = useMutation({
    mutationFn: (org: Organization) => invoke('organization.retire', { id: org.id }),
    onSuccess: (org) => {
      setRetiring(null);
      setFlash(t('directory.org.retired', { name: org.name }));
      invalidate();
    },
  });
  const reinstate = useMutation({
    mutationFn: (org: Organization) => invoke('organization.reinstate', { id: org.id }),
    onSuccess: (org) => {
      setFlash(t('directory.org.reinstated', { name: org.name }));
      invalidate();
    },
  });

  const columns = useMemo(
    () => [
      helper.accessor('name', { header: () => t('directory.org.columns.name'), sortFn: 'text', cell: (c) => <span className="cell-strong">{c.getValue()}</span> }),
      helper.accessor((o) => t(`directory.kinds.${o.kind}`), {
        id: 'kind',
        header: () => t('directory.org.columns.kind'),
        sortFn: 'text',
        cell: (c) => <span className="nowrap">{c.getValue()}</span>,
      }),
      helper.accessor((o) => o.contact ?? '', { id: 'contact', header: () => t('directory.org.columns.contact'), sortFn: 'text', cell: (c) => c.getValue() || t('directory.common.none') }),
      helper.accessor((o) => o.pledgeExemptionReason ?? '', {
        id: 'exemption',
        header: () => t('directory.org.columns.exemption'),
        sortFn: 'text',
        cell: (c) => (c.getValue() ? <span className="exemption">{c.getValue()}</span> : t('directory.common.none')),
      }),
      helper.accessor('activeMembers', {
        header: () => t('directory.org.columns.activeMembers'),
        sortFn: 'basic',
        cell: (c) => <span className="cell-number">{t('directory.org.membersCount', { count: c.getValue() })}</span>,
      }),
      helper.accessor((o) => o.retiredAt ?? '', {
        id: 'state',
        header: () => t('directory.org.columns.state'),
        sortFn: 'text',
        cell: (c) =>
          c.row.original.retiredAt ? (
            <span className="badge badge-muted">{t('directory.org.retiredOn', { date: shortDate(localIsoDate(new Date(c.row.original.retiredAt)), i18n.language) })}</span>
          ) : (
            <span className="badge badge-ok">{t('directory.org.active')}</span>
          ),
      }),
      helper.display({
        id: 'actions',
        header: () => t('directory.org.columns.actions'),
        cell: (c) => {
          const org = c.row.original;
          return (
            <span className="row-actions org-row-actions">
              <button type="button" className="button button-small" onClick={() => setEditing({ mode: 'edit', org })} aria-label={`${t('directory.common.edit')}：${org.name}`}>
                {t('directory.common.edit')}
              </button>
              {/* Open to everyone (it shows the state); only an administrator can change it there. */}
              <button type="button" className="button button-small" onClick={() => setExempting(org)} aria-label={t('directory.org.exemptionButtonLabel', { name: org.name })}>
                {t('directory.org.exemptionButton')}
              </button>
              {org.retiredAt ? (
                <button
                  type="button"
                  className="button button-small"
                  disabled={reinstate.isPending}
                  onClick={() => reinstate.mutate(org)}
                  aria-label={`${t('directory.org.reinstate')}：${org.name}`}
                >
                  {t('directory.org.reinstate')}
                </button>
              ) : (
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => {
                    retire.reset();
                    setRetiring(org);
                  }}
                  aria-label={`${t('directory.org.retire')}：${org.name}`}
                >
                  {t('directory.org.retire')}
                </button>
              )}
            </span>
          );
        },
      }),
    ],
    // t changes with the language; the mutations' pending state changes the buttons.
    [t, i18n.language, reinstate.isPending, reinstate.mutate, retire.reset],
  );

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const all = orgs.data ?? [];
    if (!q) return all;
    return all.filter((o) => [o.name, o.contact ?? '', o.pledgeExemptionReason ?? '', t(`directory.kinds.${o.kind}`)].some((v) => v.toLowerCase().includes(q)));
  }, [orgs.data, filter, t]);

  return (
    <section aria-label={t('directory.tabs.organizations')}>
      <div className="toolbar">
        <FilterInput
          id="org-filter"
          label={t('directory.common.filter')}
          type="search"
          value={filter}
          placeholder={t('directory.org.filterPlaceholder')}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={includeRetired} onChange={(e) => setIncludeRetired(e.target.checked)} />
          {t('directory.org.includeRetired')}
        </label>
        <span className="toolbar-spacer" />
        <ImportCsvButton kind="organizations" onImported={(message) => setFlash(message)} />
        <button type="button" className="button button-primary" onClick={() => setEditing({ mode: 'add' })}>
          {t('directory.org.add')}
        </button>
      </div>
      <DirectoryList
        flash={flash}
        error={orgs.error ?? reinstate.error}
        pending={orgs.isPending}
        data={rows}
        columns={columns}
        caption={t('directory.org.listCaption')}
        empty={t('directory.org.empty')}
        rowClassName={(o) => (o.retiredAt ? 'row-retired' : undefined)}
      />
      <Modal
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('directory.org.editHeading') : t('directory.org.addHeading')}
      >
        {editing && (
          <OrganizationForm
            key={editing.mode === 'edit' ? editing.org.id : 'new'}
            org={editing.mode === 'edit' ? editing.org : null}
            onDone={(org) => {
              setEditing(null);
              setFlash(t('directory.org.saved', { name: org.name }));
              invalidate();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      {exempting && (
        <ExemptionDialog
          organization={exempting}
          onClose={() => setExempting(null)}
          onChanged={(org, change) => {
            setExempting(null);
            setFlash(t(`directory.exemption.${change}`, { name: org.name }));
            invalidate();
          }}
        />
      )}
      <Modal open={retiring !== null} onClose={() => setRetiring(null)} title={t('directory.org.retireHeading', { name: retiring?.name ?? '' })}>
        <p>{t('directory.org.retireText')}</p>
        {retire.error && (
          <ErrorAlert>{errorText(t, retire.error)}</ErrorAlert>
        )}
        <ConfirmActions
          cancelLabel={t('directory.common.cancel')}
          onCancel={() => setRetiring(null)}
          confirmLabel={t('directory.org.retireConfirm')}
          onConfirm={() => retiring && retire.mutate(retiring)}
          pending={retire.isPending}
        />
      </Modal>
    </section>
  );
}

function OrganizationForm({ org, onDone, onCancel }: { org: Organization | null; onDone: (org: Organization) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [name, setName] = useState(org?.name ?? '');
  const [kind, setKind] = useState<OrganizationKind>(org?.kind ?? 'partner');
  const [contact, setContact] = useState(org?.contact ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  // The kind decides whether an exemption needs the statutory confirmation: for an exempt
  // organization it is an administrator's (the core refuses it to staff).
  const gate = useAdministratorGate();
  const kindLocked = Boolean(org?.pledgeExemptionReason) && !gate.allowed;

  const save = useMutation({
    mutationFn: async () => {
      const body = { name: name.trim(), kind, contact: contact.trim() || null };
      return org ? invoke('organization.update', { id: org.id, ...body }) : invoke('organization.create', body);
    },
    onSuccess: onDone,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t('directory.common.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }

  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];

  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('directory.org.name')} required value={name} onChange={(e) => setName(e.target.value)} maxLength={80} error={err('name')} placeholder={t('directory.org.nameExample')} autoFocus />
      <SelectField
        label={t('directory.org.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as OrganizationKind)}
        error={err('kind')}
        disabled={kindLocked}
        hint={kindLocked ? t('directory.org.kindLocked') : undefined}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`directory.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('directory.org.contact')} value={contact} onChange={(e) => setContact(e.target.value)} maxLength={200} error={err('contact')} hint={t('directory.org.contactHint')} />
      {org && (
        <dl className="facts org-exemption-fact">
          <Fact label={t('directory.org.exemptionLabel')}>{org.pledgeExemptionReason ? <span className="exemption">{org.pledgeExemptionReason}</span> : t('directory.org.exemptionNone')}</Fact>
        </dl>
      )}
      <p className="field-hint">{t('directory.org.exemptionFormHint')}</p>
      {save.error && (
        <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>
      )}
      <FormActions
        cancelLabel={t('directory.common.cancel')}
        onCancel={onCancel}
        submitLabel={t('directory.common.save')}
        pending={save.isPending}
        pendingLabel={t('directory.common.saving')}
      />
    </form>
  );
}
