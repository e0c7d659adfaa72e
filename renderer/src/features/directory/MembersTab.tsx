import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { createColumnHelper } from '@tanstack/react-table';
import type { Member, Organization } from '../../../../shared/contract/directory';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { TextField, useFlash } from '../../components/forms';
import { DirectoryList, useOrganizations } from './OrganizationsTab';
import { ImportCsvButton } from './ImportCsv';
import { ErrorAlert, FilterInput, FilterSelect, FormActions, Modal, OrganizationOptions, SelectField, formErrorText, shortDate, todayIso, type SortingFeatures } from './ui';

const helper = createColumnHelper<SortingFeatures, Member>();

type Action = { kind: 'add' } | { kind: 'edit' | 'move' | 'leave' | 'details'; member: Member } | null;

export function MembersTab() {
  const { t, i18n } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [organizationId, setOrganizationId] = useState('');
  const [includeLeft, setIncludeLeft] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const [flash, setFlash] = useFlash();
  const orgs = useOrganizations(true);
  const activeOrgs = useMemo(() => (orgs.data ?? []).filter((o) => !o.retiredAt), [orgs.data]);
  const members = useQuery({
    queryKey: ['member.list', { organizationId, includeLeft }],
    queryFn: () => invoke('member.list', { ...(organizationId ? { organizationId } : {}), includeLeft }),
  });

  const done = (message: string) => {
    setAction(null);
    setFlash(message);
    void queryClient.invalidateQueries({ queryKey: ['member.list'] });
    void queryClient.invalidateQueries({ queryKey: ['organization.list'] });
  };

  const columns = useMemo(
    () => [
      helper.accessor('name', { header: () => t('directory.members.columns.name'), sortFn: 'text', cell: (c) => <span className="cell-strong">{c.getValue()}</span> }),
      helper.accessor((m) => m.nameKana ?? '', { id: 'kana', header: () => t('directory.members.columns.kana'), sortFn: 'text', cell: (c) => c.getValue() || t('directory.common.none') }),
      helper.accessor((m) => m.current?.organizationName ?? '', {
        id: 'organization',
        header: () => t('directory.members.columns.organization'),
        sortFn: 'text',
        cell: (c) => c.getValue() || <span className="badge badge-muted">{t('directory.members.left')}</span>,
      }),
      helper.accessor((m) => m.current?.title ?? '', { id: 'title', header: () => t('directory.members.columns.title'), sortFn: 'text', cell: (c) => c.getValue() || t('directory.common.none') }),
      helper.accessor((m) => m.current?.startOn ?? '', {
        id: 'since',
        header: () => t('directory.members.columns.since'),
        sortFn: 'text',
        cell: (c) => (c.getValue() ? <time dateTime={c.getValue()}>{shortDate(c.getValue(), i18n.language)}</time> : t('directory.common.none')),
      }),
      helper.display({
        id: 'actions',
        header: () => t('directory.members.columns.actions'),
        cell: (c) => {
          const member = c.row.original;
          const label = (key: string) => `${t(key)}：${member.name}`;
          return (
            <span className="row-actions">
              <button type="button" className="button button-small" onClick={() => setAction({ kind: 'details', member })} aria-label={label('directory.members.details')}>
                {t('directory.members.details')}
              </button>
              <button type="button" className="button button-small" onClick={() => setAction({ kind: 'edit', member })} aria-label={label('directory.common.edit')}>
                {t('directory.common.edit')}
              </button>
              {member.current && (
                <>
                  <button type="button" className="button button-small" onClick={() => setAction({ kind: 'move', member })} aria-label={label('directory.members.move')}>
                    {t('directory.members.move')}
                  </button>
                  <button type="button" className="button button-small" onClick={() => setAction({ kind: 'leave', member })} aria-label={label('directory.members.leave')}>
                    {t('directory.members.leave')}
                  </button>
                </>
              )}
            </span>
          );
        },
      }),
    ],
    [t, i18n.language],
  );

  const rows = useMemo(() => {
    const q = search.trim().toLowerCase();
    const all = members.data ?? [];
    if (!q) return all;
    return all.filter((m) => [m.name, m.nameKana ?? '', m.current?.title ?? '', m.current?.organizationName ?? ''].some((v) => v.toLowerCase().includes(q)));
  }, [members.data, search]);

  const title =
    action === null
      ? ''
      : action.kind === 'add'
        ? t('directory.members.addHeading')
        : action.kind === 'edit'
          ? t('directory.members.editHeading')
          : action.kind === 'move'
            ? t('directory.members.moveHeading', { name: action.member.name })
            : action.kind === 'leave'
              ? t('directory.members.leaveHeading', { name: action.member.name })
              : t('directory.members.detailHeading', { name: action.member.name });

  return (
    <section aria-label={t('directory.tabs.members')}>
      <div className="toolbar">
        <FilterInput
          id="member-search"
          label={t('directory.members.searchLabel')}
          type="search"
          value={search}
          placeholder={t('directory.members.searchPlaceholder')}
          onChange={(e) => setSearch(e.target.value)}
        />
        <FilterSelect id="member-org" label={t('directory.members.organizationFilter')} value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
          <OrganizationOptions first={t('directory.common.all')} organizations={orgs.data} />
        </FilterSelect>
        <label className="checkbox">
          <input type="checkbox" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />
          {t('directory.members.includeLeft')}
        </label>
        <span className="toolbar-spacer" />
        <ImportCsvButton kind="members" onImported={(message) => setFlash(message)} />
        <button type="button" className="button button-primary" onClick={() => setAction({ kind: 'add' })}>
          {t('directory.members.add')}
        </button>
      </div>
      <DirectoryList
        flash={flash}
        error={members.error ?? orgs.error}
        pending={members.isPending}
        data={rows}
        columns={columns}
        caption={t('directory.members.listCaption')}
        empty={t('directory.members.empty')}
        rowClassName={(m) => (m.current ? undefined : 'row-retired')}
      />
      <Modal open={action !== null} onClose={() => setAction(null)} title={title} wide={action?.kind === 'details'}>
        {action?.kind === 'add' && (
          <MemberForm orgs={activeOrgs} onDone={(m) => done(t('directory.members.saved', { name: m.name }))} onCancel={() => setAction(null)} />
        )}
        {action?.kind === 'edit' && (
          <MemberForm
            key={action.member.id}
            member={action.member}
            orgs={activeOrgs}
            onDone={(m) => done(t('directory.members.saved', { name: m.name }))}
            onCancel={() => setAction(null)}
          />
        )}
        {action?.kind === 'move' && (
          <MoveForm member={action.member} orgs={activeOrgs} onDone={(m) => done(t('directory.members.moved', { name: m.name }))} onCancel={() => setAction(null)} />
        )}
        {action?.kind === 'leave' && (
          <LeaveForm member={action.member} onDone={(m) => done(t('directory.members.leftSaved', { name: m.name }))} onCancel={() => setAction(null)} />
        )}
        {action?.kind === 'details' && <MemberDetails member={action.member} onClose={() => setAction(null)} />}
      </Modal>
    </section>
  );
}

function MemberFormActions({ pending, onCancel, submitLabel }: { pending: boolean; onCancel: () => void; submitLabel?: string }) {
  const { t } = useTranslation();
  return (
    <FormActions
      cancelLabel={t('directory.common.cancel')}
      onCancel={onCancel}
      submitLabel={submitLabel ?? t('directory.common.save')}
      pending={pending}
      pendingLabel={t('directory.common.saving')}
    />
  );
}

function MemberForm({ member, orgs, onDone, onCancel }: { member?: Member; orgs: Organization[]; onDone: (m: Member) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [name, setName] = useState(member?.name ?? '');
  const [kana, setKana] = useState(member?.nameKana ?? '');
  const [contact, setContact] = useState(member?.contact ?? '');
  const [organizationId, setOrganizationId] = useState('');
  const [title, setTitle] = useState('');
  const [startOn, setStartOn] = useState(todayIso());
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () => {
      const common = { name: name.trim(), nameKana: kana.trim() || null, contact: contact.trim() || null };
      return member
        ? invoke('member.update', { id: member.id, ...common })
        : invoke('member.create', { ...common, organizationId, title: title.trim() || null, startOn });
    },
    onSuccess: onDone,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = t('directory.common.required');
    if (!member && !organizationId) errors.organizationId = t('directory.members.organizationRequired');
    if (!member && !startOn) errors.startOn = t('directory.common.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }
  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];
  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t('directory.members.name')} required value={name} onChange={(e) => setName(e.target.value)} maxLength={60} placeholder={t('directory.members.nameExample')} error={err('name')} autoFocus />
      <TextField label={t('directory.members.kana')} value={kana} onChange={(e) => setKana(e.target.value)} maxLength={60} placeholder={t('directory.members.kanaExample')} error={err('nameKana')} />
      {!member && (
        <>
          {orgs.length === 0 && <p className="notice">{t('directory.members.noActiveOrganizations')}</p>}
          <SelectField label={t('directory.members.organization')} required value={organizationId} onChange={(e) => setOrganizationId(e.target.value)} error={err('organizationId')}>
            <OrganizationOptions first={t('directory.members.chooseOrganization')} organizations={orgs} />
          </SelectField>
          <TextField label={t('directory.members.title')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={60} placeholder={t('directory.members.titleExample')} error={err('title')} />
          <TextField label={t('directory.members.startOn')} required type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} error={err('startOn')} />
        </>
      )}
      <TextField label={t('directory.members.contact')} value={contact} onChange={(e) => setContact(e.target.value)} maxLength={200} error={err('contact')} />
      {save.error && (
        <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>
      )}
      <MemberFormActions pending={save.isPending} onCancel={onCancel} />
    </form>
  );
}

function MoveForm({ member, orgs, onDone, onCancel }: { member: Member; orgs: Organization[]; onDone: (m: Member) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [organizationId, setOrganizationId] = useState('');
  const [title, setTitle] = useState(member.current?.title ?? '');
  const [on, setOn] = useState(todayIso());
  const [local, setLocal] = useState<Record<string, string>>({});
  const move = useMutation({
    mutationFn: () => invoke('member.move', { id: member.id, organizationId, title: title.trim() || null, on }),
    onSuccess: onDone,
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!organizationId) errors.organizationId = t('directory.members.organizationRequired');
    if (!on) errors.on = t('directory.common.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0) move.mutate();
  }
  const server = fieldErrors(t, move.error);
  const err = (f: string) => local[f] ?? server[f];
  const choices = orgs.filter((o) => o.id !== member.current?.organizationId);
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('directory.members.moveIntro')}</p>
      <SelectField label={t('directory.members.moveTo')} required value={organizationId} onChange={(e) => setOrganizationId(e.target.value)} error={err('organizationId')} autoFocus>
        <OrganizationOptions first={t('directory.members.chooseOrganization')} organizations={choices} />
      </SelectField>
      <TextField label={t('directory.members.title')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={60} error={err('title')} />
      <TextField label={t('directory.members.moveOn')} required type="date" value={on} onChange={(e) => setOn(e.target.value)} hint={t('directory.members.moveOnHint')} error={err('on')} />
      {move.error && (
        <ErrorAlert>{formErrorText(t, move.error)}</ErrorAlert>
      )}
      <MemberFormActions pending={move.isPending} onCancel={onCancel} submitLabel={t('directory.members.moveSubmit')} />
    </form>
  );
}

function LeaveForm({ member, onDone, onCancel }: { member: Member; onDone: (m: Member) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const [on, setOn] = useState(todayIso());
  const [local, setLocal] = useState<Record<string, string>>({});
  const leave = useMutation({ mutationFn: () => invoke('member.leave', { id: member.id, on }), onSuccess: onDone });
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!on) errors.on = t('directory.common.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0) leave.mutate();
  }
  const server = fieldErrors(t, leave.error);
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('directory.members.leaveIntro')}</p>
      <TextField label={t('directory.members.leaveOn')} required type="date" value={on} onChange={(e) => setOn(e.target.value)} hint={t('directory.members.leaveOnHint')} error={local.on ?? server.on} autoFocus />
      {leave.error && (
        <ErrorAlert>{formErrorText(t, leave.error)}</ErrorAlert>
      )}
      <MemberFormActions pending={leave.isPending} onCancel={onCancel} submitLabel={t('directory.members.leaveSubmit')} />
    </form>
  );
}

function MemberDetails({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const d = (iso: string) => shortDate(iso, i18n.language);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('directory.members.kana')}</dt>
          <dd>{member.nameKana ?? t('directory.common.none')}</dd>
        </div>
        <div>
          <dt>{t('directory.members.contact')}</dt>
          <dd>{member.contact ?? t('directory.common.none')}</dd>
        </div>
      </dl>
      <h3 className="subheading">{t('directory.members.historyHeading')}</h3>
      <table className="data-table compact">
        <caption className="visually-hidden">{t('directory.members.historyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('directory.members.columns.organization')}</th>
            <th scope="col">{t('directory.members.columns.title')}</th>
            <th scope="col">{t('directory.members.period')}</th>
          </tr>
        </thead>
        <tbody>
          {member.history.map((a) => (
            <tr key={`${a.organizationId}-${a.startOn}`}>
              <td>
                {a.organizationName}
                {a.endOn === null && <span className="badge badge-ok badge-inline">{t('directory.members.current')}</span>}
              </td>
              <td>{a.title ?? t('directory.common.none')}</td>
              <td>
                {a.endOn
                  ? t('directory.members.periodClosed', { start: d(a.startOn), end: d(a.endOn) })
                  : t('directory.members.periodOpen', { start: d(a.startOn) })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </>
  );
}
