import { useId, useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useStoredFile } from '../../components/stored-file';
import type { TFunction } from 'i18next';
import type { Agenda, Meeting } from '../../../../shared/contract/meetings';
import { MaterialMediaType } from '../../../../shared/contract/cases';
import { AGENDA_SECTIONS, DEFAULT_MINUTES, SECTION_TITLES, defaultSections, type AgendaSection, type CaseItemKind } from '../../../../shared/domain/agenda';
import { useInvoke } from '../../api';
import { useDebounced } from '../../components/useDebounced';
import { errorText, fieldErrors, isKasaneError } from '../../errors';
import { TextField } from '../../components/forms';
import { PdfPreviewBody } from '../../components/PdfPreviewDialog';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ConfirmActions, ErrorAlert, FormActions, Modal, OrganizationOptions, SelectField, formErrorText } from '../directory/ui';
import { downloadBlob } from '../directory/files';
import { ReleaseFields, useRelease } from '../../components/release';
import { AddCaseError, useAddCase } from './addCase';
import type { AddedElsewhere } from './MeetingDetail';
import { KIND_MINUTES, itemLabel, useReturnFocus, type AgendaItemT } from './shared';

const KINDS: CaseItemKind[] = ['new', 'evaluation', 'closure', 'report'];

function parseMinutes(value: string): number | null {
  if (!/^\d{1,3}$/.test(value.trim())) return null;
  const n = Number(value);
  return n >= 0 && n <= 600 ? n : null;
}

/** Everyone (the default), or only the invitees who need to know. */
function ParticipantsField({ meeting, value, onChange, error }: { meeting: Meeting; value: string[] | null; onChange: (v: string[] | null) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="fieldset mt-participants">
      <legend>{t('meetings.item.participants')}</legend>
      {meeting.type === 'shien' && <p className="field-hint">{t('meetings.item.participantsHint')}</p>}
      <div className="choice-group">
        <label className="radio">
          <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
          {t('meetings.item.participantsAll')}
        </label>
        <label className="radio">
          <input type="radio" name={name} checked={value !== null} onChange={() => onChange([])} disabled={meeting.invitees.length === 0} />
          {t('meetings.item.participantsSome')}
        </label>
      </div>
      {value !== null && (
        <div className="checkbox-grid">
          {meeting.invitees.map((i) => (
            <label key={i.memberId} className="checkbox">
              <input
                type="checkbox"
                checked={value.includes(i.memberId)}
                onChange={(e) => onChange(e.target.checked ? [...value, i.memberId] : value.filter((x) => x !== i.memberId))}
              />
              {i.name}
              <span className="mt-member-title">（{i.organizationName}）</span>
            </label>
          ))}
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

/** How long an item takes, in whole minutes (0–600; parseMinutes checks it). */
function MinutesField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('meetings.item.minutes')}
      required
      type="number"
      inputMode="numeric"
      min={0}
      max={600}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      unit={t('common.minutes')}
      error={error}
      className="field-minutes"
    />
  );
}

function PresenterField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const orgs = useOrganizations(false);
  return (
    <SelectField label={t('meetings.item.presenter')} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <OrganizationOptions first={t('meetings.item.presenterNone')} organizations={orgs.data} />
    </SelectField>
  );
}

/** Edits an item (title of a frame item, minutes, presenter and participants of a case item), or adds a frame item. */
export function ItemDialog({
  meeting,
  item,
  onClose,
  onSaved,
}: {
  meeting: Meeting;
  item: AgendaItemT | null;
  onClose: () => void;
  onSaved: (agenda: Agenda, title: string) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const sections = meeting.type === 'other' ? defaultSections('other') : AGENDA_SECTIONS.filter((s) => defaultSections(meeting.type).includes(s));
  const [section, setSection] = useState<AgendaSection>('other');
  const [title, setTitle] = useState(item?.title ?? '');
  const [minutes, setMinutes] = useState(String(item?.minutes ?? DEFAULT_MINUTES.other ?? 5));
  const [presenter, setPresenter] = useState(item?.presenterOrganizationId ?? '');
  const [participants, setParticipants] = useState<string[] | null>(item && item.participantMemberIds.length > 0 ? item.participantMemberIds : null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const isCase = item?.caseId != null;

  const save = useMutation({
    mutationFn: (mins: number) => {
      if (!item) return invoke('agenda.addItem', { meetingId: meeting.id, section, title: title.trim(), minutes: mins });
      return invoke('agenda.updateItem', {
        itemId: item.id,
        minutes: mins,
        ...(isCase ? { presenterOrganizationId: presenter || null, participantMemberIds: participants ?? [] } : { title: title.trim() }),
      });
    },
    onSuccess: (agenda) => onSaved(agenda, item ? itemLabel(t, item) : title.trim()),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const mins = parseMinutes(minutes);
    if (mins === null) errors.minutes = t('validation.outOfRange', { min: 0, max: 600 });
    if (!isCase && !title.trim()) errors.title = t('meetings.item.titleRequired');
    if (participants !== null && participants.length === 0) errors.participantMemberIds = t('meetings.item.participantsNone');
    setLocal(errors);
    if (Object.keys(errors).length === 0 && mins !== null) save.mutate(mins);
  }
  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];

  return (
    <Modal open onClose={onClose} title={item ? `${t('meetings.item.editHeading')}：${itemLabel(t, item)}` : t('meetings.item.addHeading')}>
      <form onSubmit={submit} noValidate>
        {!item && (
          <SelectField
            label={t('meetings.item.section')}
            value={section}
            onChange={(e) => {
              const next = e.target.value as AgendaSection;
              setSection(next);
              if (!title.trim() || Object.values(SECTION_TITLES).includes(title)) setTitle(SECTION_TITLES[next]);
              setMinutes(String(DEFAULT_MINUTES[next] ?? 5));
            }}
          >
            {sections.map((s) => (
              <option key={s} value={s}>
                {t(`meetings.sections.${s}`)}
              </option>
            ))}
          </SelectField>
        )}
        {isCase ? (
          <p className="field-hint">{t('meetings.item.titleCaseNote')}</p>
        ) : (
          <TextField label={t('meetings.item.title')} required value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} error={err('title')} autoComplete="off" />
        )}
        <MinutesField value={minutes} onChange={setMinutes} error={err('minutes')} />
        {isCase && (
          <>
            <PresenterField value={presenter} onChange={setPresenter} error={err('presenterOrganizationId')} />
            <ParticipantsField meeting={meeting} value={participants} onChange={setParticipants} error={err('participantMemberIds')} />
          </>
        )}
        {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
        <FormActions
          cancelLabel={t('meetings.item.cancel')}
          onCancel={onClose}
          submitLabel={item ? t('meetings.item.save') : t('meetings.item.add')}
          pending={save.isPending}
          pendingLabel={t('common.saving')}
        />
      </form>
    </Modal>
  );
}

export function RemoveDialog({ item, onClose, onRemoved }: { item: AgendaItemT; onClose: () => void; onRemoved: (agenda: Agenda) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const remove = useMutation({ mutationFn: () => invoke('agenda.removeItem', { itemId: item.id }), onSuccess: onRemoved });
  return (
    <Modal open onClose={onClose} title={t('meetings.item.removeHeading')}>
      <p>{t('meetings.item.removeConfirm', { title: itemLabel(t, item) })}</p>
      {item.materials.length > 0 && <p className="mt-remove-note">{t('meetings.materials.itemRemoveNote', { count: item.materials.length })}</p>}
      {remove.error && <ErrorAlert>{errorText(t, remove.error)}</ErrorAlert>}
      <ConfirmActions
        cancelLabel={t('meetings.item.cancel')}
        onCancel={onClose}
        confirmLabel={t('meetings.item.removeConfirmButton')}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
    </Modal>
  );
}

/** Picks a case (number and initials only) and adds it to the 次第. */
export function AddCaseDialog({
  meeting,
  caseIdsOnAgenda,
  onClose,
  onAdded,
  onAddedElsewhere,
}: {
  meeting: Meeting;
  caseIdsOnAgenda: string[];
  onClose: () => void;
  onAdded: (title: string) => void;
  onAddedElsewhere: (added: AddedElsewhere) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const [query, setQuery] = useState('');
  const debounced = useDebounced(query.trim(), 250);
  const [caseId, setCaseId] = useState('');
  const [kind, setKind] = useState<CaseItemKind>('new');
  const [minutes, setMinutes] = useState(String(KIND_MINUTES.new));
  const [presenter, setPresenter] = useState('');
  const [participants, setParticipants] = useState<string[] | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const groupName = useId();
  const cases = useQuery({
    queryKey: ['case.list', { query: debounced, purpose: 'agenda' }],
    queryFn: () => invoke('case.list', debounced ? { query: debounced } : {}),
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => (cases.data ?? []).slice(0, 50), [cases.data]);
  const chosen = rows.find((r) => r.id === caseId) ?? null;
  const { add, addToShien } = useAddCase(meeting.id);

  function input(mins: number) {
    return {
      caseId,
      caseNumber: chosen?.caseNumber ?? '',
      kind,
      presenterOrganizationId: presenter || null,
      minutes: mins,
      participantMemberIds: participants ?? [],
    };
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const mins = parseMinutes(minutes);
    if (!caseId) errors.caseId = t('meetings.addCase.choose');
    if (mins === null) errors.minutes = t('validation.outOfRange', { min: 0, max: 600 });
    if (participants !== null && participants.length === 0) errors.participantMemberIds = t('meetings.item.participantsNone');
    setLocal(errors);
    addToShien.reset();
    if (Object.keys(errors).length === 0 && mins !== null) {
      add.mutate(input(mins), { onSuccess: () => onAdded(t('meetings.agenda.caseLabel', { caseNumber: chosen?.caseNumber ?? '', initials: chosen?.initials ?? '' })) });
    }
  }
  const server = fieldErrors(t, add.error);
  const err = (f: string) => local[f] ?? server[f];
  const failure = addToShien.error ?? add.error;

  return (
    <Modal open onClose={onClose} title={t('meetings.addCase.heading')} wide>
      <form onSubmit={submit} noValidate>
        <TextField
          label={t('meetings.addCase.search')}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          maxLength={60}
          placeholder={t('meetings.addCase.searchPlaceholder')}
          hint={t('meetings.addCase.searchHint')}
          autoComplete="off"
        />
        <fieldset className="fieldset mt-case-picker">
          <legend>{t('meetings.addCase.results')}</legend>
          {cases.data && rows.length === 0 && <p className="mt-none">{t('meetings.addCase.noResults')}</p>}
          <div className="mt-case-options">
            {rows.map((r) => {
              const onAgenda = caseIdsOnAgenda.includes(r.id);
              return (
                <label key={r.id} className={`radio mt-case-option${caseId === r.id ? ' mt-case-option-chosen' : ''}`}>
                  <input type="radio" name={groupName} value={r.id} checked={caseId === r.id} disabled={onAgenda} onChange={() => setCaseId(r.id)} />
                  <span className="mt-case-number">{r.caseNumber}</span>
                  <span>（{r.initials}）</span>
                  {onAgenda ? (
                    <span className="badge badge-muted badge-inline">{t('meetings.addCase.onAgenda')}</span>
                  ) : meeting.type === 'jusoteki' && (!r.consent.valid || !r.consent.allowsJusoteki) ? (
                    <span className="badge badge-muted badge-inline">{t('meetings.addCase.consentNone')}</span>
                  ) : null}
                </label>
              );
            })}
          </div>
          {err('caseId') && <p className="field-error">{err('caseId')}</p>}
        </fieldset>
        <div className="field-row">
          <SelectField
            label={t('meetings.addCase.kind')}
            value={kind}
            onChange={(e) => {
              const next = e.target.value as CaseItemKind;
              setKind(next);
              setMinutes(String(KIND_MINUTES[next]));
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetings.kinds.${k}`)}
              </option>
            ))}
          </SelectField>
          <MinutesField value={minutes} onChange={setMinutes} error={err('minutes')} />
        </div>
        <PresenterField value={presenter} onChange={setPresenter} error={err('presenterOrganizationId')} />
        <ParticipantsField meeting={meeting} value={participants} onChange={setParticipants} error={err('participantMemberIds')} />
        {failure && (
          <AddCaseError
            error={failure}
            pending={addToShien.isPending}
            onAddToShien={(shienMeetingId, shienDate) => {
              const mins = parseMinutes(minutes) ?? KIND_MINUTES[kind];
              addToShien.mutate({ ...input(mins), shienMeetingId, shienDate }, { onSuccess: onAddedElsewhere });
            }}
          />
        )}
        <FormActions
          cancelLabel={t('meetings.item.cancel')}
          onCancel={onClose}
          submitLabel={t('meetings.addCase.submit')}
          pending={add.isPending}
          pendingLabel={t('meetings.addCase.submitting')}
        />
      </form>
    </Modal>
  );
}

// ---------- 資料 (materials) ----------

export type MaterialT = AgendaItemT['materials'][number];

/** What the file chooser offers: the types the core accepts (it checks the first bytes again). */
export const MATERIAL_ACCEPT = [...MaterialMediaType.options, '.pdf', '.png', '.jpg', '.jpeg', '.docx', '.xlsx', '.pptx', '.doc', '.xls', '.ppt'].join(',');

const BY_EXTENSION: Record<string, MaterialMediaType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** The media type the core accepts for a file: the browser's type when it is one, else the extension. */
export function materialMediaType(file: { type: string; name: string }): MaterialMediaType | null {
  const type = file.type.toLowerCase();
  const known = MaterialMediaType.safeParse(type);
  if (known.success) return known.data;
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || null;
}

function officeKind(mediaType: MaterialMediaType): 'word' | 'excel' | 'powerpoint' | null {
  if (mediaType.includes('word')) return 'word';
  if (mediaType.includes('excel') || mediaType.includes('spreadsheet')) return 'excel';
  if (mediaType.includes('powerpoint') || mediaType.includes('presentation')) return 'powerpoint';
  return null;
}

/** The words for a failed attachment: the type message names what a 資料 may be (Office files too). */
export function materialErrorText(t: TFunction, error: unknown): string {
  if (isKasaneError(error, 'attachment_type_not_allowed')) return t('meetings.materials.typeNotAllowed');
  return errorText(t, error);
}

/**
 * 「表示」 of a 資料: fetched anew each time (every view is audited by the core) and not kept in the
 * query cache. A PDF is shown in the same preview as the 次第; an image in an <img> (blob: URL,
 * revoked on close); an Office file cannot be shown here, so it is offered to save.
 */
export function MaterialViewer({ material, onClose }: { material: MaterialT; onClose: () => void }) {
  const { t } = useTranslation();
  useReturnFocus();
  const [saved, setSaved] = useState(false);
  const { file, bytes, pdf, imageUrl } = useStoredFile(material.attachmentId, 'material');
  const mediaType = file.data?.mediaType;
  const number = t('meetings.materials.number', { number: material.number });
  // Saved under the name the core gives it (資料N_date_meeting), never the uploaded one.
  const fileName = file.data?.exportFileName ?? '';
  const release = useRelease({ document: 'material', subject: { kind: 'attachment', id: material.attachmentId } });
  async function save() {
    if (!bytes || !mediaType) return;
    if (!(await release.release('save', { fileName, bytes, pages: null }))) return;
    downloadBlob(new Blob([bytes], { type: mediaType }), fileName);
    setSaved(true);
  }
  const kind = mediaType ? officeKind(mediaType) : null;

  return (
    <Modal open onClose={onClose} title={t('meetings.materials.viewHeading', { number, fileName: material.fileName })} wide>
      <p className="mt-material-note">{t('meetings.materials.auditNote')}</p>
      {file.isPending && (
        <p className="loading-inline" role="status">
          {t('meetings.materials.loading')}
        </p>
      )}
      {file.error && <ErrorAlert>{errorText(t, file.error)}</ErrorAlert>}
      {pdf && <PdfPreviewBody document={pdf} onClose={onClose} loadingText={t('meetings.materials.loading')} />}
      {bytes && mediaType && mediaType !== 'application/pdf' && (
        <>
          {imageUrl && (
            <div className="mt-material-image-wrap">
              <img className="mt-material-image" src={imageUrl} alt={t('meetings.materials.imageAlt', { number, fileName: material.fileName })} />
            </div>
          )}
          {kind && <p className="notice mt-material-office">{t('meetings.materials.officeNote', { kind: t(`meetings.materials.officeKinds.${kind}`) })}</p>}
          <ReleaseFields release={release} />
          <p className="mt-flash" role="status">
            {saved ? t('meetings.materials.saved', { fileName }) : ''}
          </p>
          <div className="dialog-actions dialog-actions-split">
            <button type="button" className="button" onClick={onClose} autoFocus={!kind}>
              {t('meetings.materials.close')}
            </button>
            <button type="button" className="button button-primary" onClick={() => void save()} disabled={release.busy}>
              {t('meetings.materials.save')}
            </button>
          </div>
        </>
      )}
      {(file.error || file.isPending) && (
        <div className="dialog-actions dialog-actions-split">
          <button type="button" className="button" onClick={onClose}>
            {t('meetings.materials.close')}
          </button>
        </div>
      )}
    </Modal>
  );
}

/** 「削除」 of a 資料, after a confirmation: the file leaves the vault and the numbers after it move up. */
export function RemoveMaterialDialog({ material, onClose, onRemoved }: { material: MaterialT; onClose: () => void; onRemoved: (agenda: Agenda) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  useReturnFocus();
  const remove = useMutation({ mutationFn: () => invoke('agenda.removeMaterial', { materialId: material.id }), onSuccess: onRemoved });
  const number = t('meetings.materials.number', { number: material.number });
  return (
    <Modal open onClose={onClose} title={t('meetings.materials.removeHeading')}>
      <p>{t('meetings.materials.removeConfirm', { number, fileName: material.fileName })}</p>
      {remove.error && <ErrorAlert>{errorText(t, remove.error)}</ErrorAlert>}
      <ConfirmActions
        cancelLabel={t('meetings.materials.cancel')}
        onCancel={onClose}
        confirmLabel={t('meetings.materials.removeConfirmButton')}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
    </Modal>
  );
}
