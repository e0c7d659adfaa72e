import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { Agenda, Meeting } from '../../../../shared/contract/meetings';
import { useInvoke } from '../../api';
import { errorText } from '../../errors';
import { ErrorAlert } from '../directory/ui';
import { fileToBase64 } from '../directory/files';
import {
  AddCaseDialog,
  ItemDialog,
  MATERIAL_ACCEPT,
  MaterialViewer,
  RemoveDialog,
  RemoveMaterialDialog,
  materialErrorText,
  materialMediaType,
  type MaterialT,
} from './AgendaDialogs';
import type { AddedElsewhere } from './MeetingDetail';
import { itemLabel, lockedReason, meetingKeys, useAgenda, type AgendaItemT } from './shared';
import { mayChange } from '../../../../shared/domain/meeting-lifecycle';

import './materials.css';

type Dialog =
  | { kind: 'edit'; item: AgendaItemT }
  | { kind: 'remove'; item: AgendaItemT }
  | { kind: 'addItem' }
  | { kind: 'addCase' }
  | { kind: 'viewMaterial'; material: MaterialT }
  | { kind: 'removeMaterial'; material: MaterialT }
  | null;

const MB = 1024 * 1024;

/** An upload under way: which item, which file of how many. */
interface Upload {
  itemId: string;
  fileName: string;
  index: number;
  total: number;
}

export function AgendaBuilder({
  meeting,
  onFlash,
  onAddedElsewhere,
}: {
  meeting: Meeting;
  onFlash: (message: string) => void;
  onAddedElsewhere: (added: AddedElsewhere) => void;
}) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const agenda = useAgenda(meeting.id);
  // The 次第 and its 資料 change while the meeting is planned or in 受付, never once it is open.
  const editable = mayChange(meeting.state, 'agenda') && mayChange(meeting.state, 'materials');
  const agendaLocked = lockedReason(t, meeting.state, 'agenda');
  const [dialog, setDialog] = useState<Dialog>(null);
  const serverItems = agenda.data?.items;
  // The order shown: the core's, or the one just dropped while the move is on its way.
  const [order, setOrder] = useState<string[] | null>(null);
  useEffect(() => setOrder(null), [serverItems]);
  const items = useMemo(() => {
    const list = serverItems ?? [];
    if (!order) return list;
    const byId = new Map(list.map((i) => [i.id, i]));
    return order.flatMap((id) => byId.get(id) ?? []);
  }, [serverItems, order]);
  const ids = items.map((i) => i.id);
  const names = useMemo(() => new Map(meeting.invitees.map((i) => [i.memberId, i.name])), [meeting.invitees]);
  // 資料 are numbered through the 次第 in the order shown, so a move renumbers them at once.
  const numbered = useMemo(() => {
    let n = 0;
    return new Map(items.map((item) => [item.id, item.materials.map((m) => ({ ...m, number: (n += 1) }))]));
  }, [items]);
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => invoke('settings.get', {}) });
  const limitMb = settings.data?.materialsLimitMb ?? null;
  const [upload, setUpload] = useState<Upload | null>(null);
  const [materialErrors, setMaterialErrors] = useState<{ itemId: string; messages: string[] } | null>(null);
  const materialsHintId = useId();

  const setAgenda = (next: Agenda) => {
    queryClient.setQueryData(meetingKeys.agenda(meeting.id), next);
    void queryClient.invalidateQueries({ queryKey: meetingKeys.list });
    void queryClient.invalidateQueries({ queryKey: meetingKeys.suggestions(meeting.id) });
  };
  const move = useMutation({
    mutationFn: (input: { item: AgendaItemT; to: number }) => invoke('agenda.moveItem', { itemId: input.item.id, toPosition: input.to }),
    onSuccess: (next, input) => {
      setAgenda(next);
      onFlash(t('meetings.agenda.moved', { title: itemLabel(t, input.item), position: input.to + 1 }));
    },
    onError: () => setOrder(null),
  });

  /** Attaches files one after another; a file refused (here or by the core) does not stop the others. */
  async function attach(item: AgendaItemT, files: File[]) {
    if (upload || files.length === 0) return;
    setMaterialErrors(null);
    const messages: string[] = [];
    let last: { fileName: string; number: string } | null = null;
    for (const [index, file] of files.entries()) {
      const fileError = (message: string) => messages.push(t('meetings.materials.fileError', { fileName: file.name, message }));
      const mediaType = materialMediaType(file);
      if (!mediaType) {
        fileError(t('meetings.materials.typeNotAllowed'));
        continue;
      }
      if (limitMb !== null && file.size > limitMb * MB) {
        fileError(t('meetings.materials.tooLarge', { sizeMb: (file.size / MB).toFixed(1), limitMb }));
        continue;
      }
      setUpload({ itemId: item.id, fileName: file.name, index: index + 1, total: files.length });
      try {
        const fileName = file.name.trim().slice(-120) || 'file';
        const next = await invoke('agenda.addMaterial', { itemId: item.id, fileName, mediaType, dataBase64: await fileToBase64(file) });
        setAgenda(next);
        const added = next.items.find((i) => i.id === item.id)?.materials.at(-1);
        if (added) last = { fileName, number: t('meetings.materials.number', { number: added.number }) };
      } catch (error) {
        fileError(materialErrorText(t, error));
      }
    }
    setUpload(null);
    if (messages.length > 0) setMaterialErrors({ itemId: item.id, messages });
    if (last) onFlash(t('meetings.materials.added', last));
  }

  function moveTo(item: AgendaItemT, to: number) {
    const from = ids.indexOf(item.id);
    if (!editable || to < 0 || to >= ids.length || to === from) return;
    setOrder(arrayMove(ids, from, to));
    move.mutate({ item, to });
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const labelOf = (id: UniqueIdentifier) => {
    const item = items.find((i) => i.id === id);
    return item ? itemLabel(t, item) : '';
  };
  const positionOf = (id: UniqueIdentifier | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('meetings.agenda.dnd.start', { title: labelOf(active.id), position: positionOf(active.id) }),
    onDragOver: ({ active, over }) => (over ? t('meetings.agenda.dnd.over', { title: labelOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? t('meetings.agenda.dnd.end', { title: labelOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragCancel: ({ active }) => t('meetings.agenda.dnd.cancel', { title: labelOf(active.id) }),
  };
  function onDragEnd(event: DragEndEvent) {
    const { active, over } = event;
    if (!over || active.id === over.id) return;
    const item = items.find((i) => i.id === active.id);
    if (item) moveTo(item, ids.indexOf(String(over.id)));
  }

  const data = agenda.data;
  let frameNumber = 0;

  return (
    <section
      className="panel mt-agenda-panel"
      aria-labelledby="mt-agenda-heading"
      // A file dropped beside the items is refused here rather than opened by the browser (which would leave the app).
      onDragOver={(e) => {
        if (hasFiles(e)) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'none';
        }
      }}
      onDrop={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
    >
      <div className="mt-panel-head">
        <h2 id="mt-agenda-heading" className="panel-title">
          {t('meetings.agenda.heading')}
        </h2>
        {data && (
          <p className={`mt-total${data.meetingMinutes !== null && data.totalMinutes > data.meetingMinutes ? ' mt-total-over' : ''}`} aria-live="polite" aria-atomic="true">
            {data.meetingMinutes !== null
              ? t('meetings.agenda.totalOf', { total: data.totalMinutes, meeting: data.meetingMinutes })
              : `${t('meetings.agenda.total', { total: data.totalMinutes })} ${t('meetings.agenda.noLength')}`}
          </p>
        )}
      </div>
      {agendaLocked && <p className="notice mt-agenda-locked">{agendaLocked}</p>}
      {data && data.warnings.length > 0 && (
        <ul className="mt-warnings" aria-label={t('meetings.warnings.heading')}>
          {data.warnings.map((w, index) => (
            <li key={`${w.code}-${index}`} className="mt-warning">
              {t(`meetings.warnings.${w.code}`, w.details)}
            </li>
          ))}
        </ul>
      )}
      {editable && <p className="field-hint mt-agenda-intro">{t('meetings.agenda.intro')}</p>}
      {editable && limitMb !== null && (
        <p id={materialsHintId} className="field-hint mt-agenda-intro">
          {t('meetings.materials.hint', { limitMb })}
        </p>
      )}
      {agenda.error && <ErrorAlert>{errorText(t, agenda.error)}</ErrorAlert>}
      {move.error && <ErrorAlert>{errorText(t, move.error)}</ErrorAlert>}
      {agenda.isPending && <p className="loading-inline">{t('app.loading')}</p>}
      <p className="visually-hidden" role="status">
        {!upload
          ? ''
          : upload.total > 1
            ? t('meetings.materials.uploadingCount', { fileName: upload.fileName, index: upload.index, total: upload.total })
            : t('meetings.materials.uploading', { fileName: upload.fileName })}
      </p>
      {data && items.length === 0 && <p className="mt-none">{t('meetings.agenda.empty')}</p>}
      {items.length > 0 && (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={onDragEnd}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t('meetings.agenda.dnd.instructions') } }}
        >
          <SortableContext items={ids} strategy={verticalListSortingStrategy} disabled={!editable}>
            <ol className="mt-agenda" aria-labelledby="mt-agenda-heading">
              {items.map((item, index) => {
                if (!item.caseId) frameNumber += 1;
                return (
                  <AgendaRow
                    key={item.id}
                    item={item}
                    number={item.caseId ? null : frameNumber}
                    first={index === 0}
                    last={index === items.length - 1}
                    editable={editable}
                    participantNames={item.participantMemberIds.map((id) => names.get(id) ?? '—')}
                    onMove={(delta) => moveTo(item, index + delta)}
                    onEdit={() => setDialog({ kind: 'edit', item })}
                    onRemove={() => setDialog({ kind: 'remove', item })}
                    materials={numbered.get(item.id) ?? []}
                    materialsHintId={materialsHintId}
                    upload={upload}
                    materialErrors={materialErrors?.itemId === item.id ? materialErrors.messages : []}
                    onAttach={(files) => void attach(item, files)}
                    onViewMaterial={(material) => setDialog({ kind: 'viewMaterial', material })}
                    onRemoveMaterial={(material) => setDialog({ kind: 'removeMaterial', material })}
                  />
                );
              })}
            </ol>
          </SortableContext>
        </DndContext>
      )}
      {editable && (
        <div className="mt-agenda-actions">
          <button type="button" className="button" onClick={() => setDialog({ kind: 'addItem' })}>
            ＋ {t('meetings.agenda.addItem')}
          </button>
          {meeting.type !== 'other' && (
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'addCase' })}>
              ＋ {t('meetings.agenda.addCase')}
            </button>
          )}
        </div>
      )}
      {(dialog?.kind === 'edit' || dialog?.kind === 'addItem') && (
        <ItemDialog
          meeting={meeting}
          item={dialog.kind === 'edit' ? dialog.item : null}
          onClose={() => setDialog(null)}
          onSaved={(next, title) => {
            setAgenda(next);
            setDialog(null);
            onFlash(t(dialog.kind === 'edit' ? 'meetings.agenda.updated' : 'meetings.agenda.added', { title }));
          }}
        />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveDialog
          item={dialog.item}
          onClose={() => setDialog(null)}
          onRemoved={(next) => {
            setAgenda(next);
            onFlash(t('meetings.agenda.removed', { title: itemLabel(t, dialog.item) }));
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'viewMaterial' && <MaterialViewer material={dialog.material} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'removeMaterial' && (
        <RemoveMaterialDialog
          material={dialog.material}
          onClose={() => setDialog(null)}
          onRemoved={(next) => {
            setAgenda(next);
            onFlash(t('meetings.materials.removed', { number: t('meetings.materials.number', { number: dialog.material.number }), fileName: dialog.material.fileName }));
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === 'addCase' && (
        <AddCaseDialog
          meeting={meeting}
          caseIdsOnAgenda={items.flatMap((i) => (i.caseId ? [i.caseId] : []))}
          onClose={() => setDialog(null)}
          onAdded={(title) => {
            setDialog(null);
            onFlash(t('meetings.agenda.added', { title }));
          }}
          onAddedElsewhere={(added) => {
            setDialog(null);
            onAddedElsewhere(added);
          }}
        />
      )}
    </section>
  );
}

function AgendaRow({
  item,
  number,
  first,
  last,
  editable,
  participantNames,
  onMove,
  onEdit,
  onRemove,
  materials,
  materialsHintId,
  upload,
  materialErrors,
  onAttach,
  onViewMaterial,
  onRemoveMaterial,
}: {
  item: AgendaItemT;
  number: number | null;
  first: boolean;
  last: boolean;
  editable: boolean;
  participantNames: string[];
  onMove: (delta: number) => void;
  onEdit: () => void;
  onRemove: () => void;
  materials: MaterialT[];
  materialsHintId: string;
  upload: Upload | null;
  materialErrors: string[];
  onAttach: (files: File[]) => void;
  onViewMaterial: (material: MaterialT) => void;
  onRemoveMaterial: (material: MaterialT) => void;
}) {
  const { t } = useTranslation();
  const label = itemLabel(t, item);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dropping, setDropping] = useState(false);
  const uploading = upload?.itemId === item.id;
  // 資料, upload progress and refusals take a row of their own under the item, full width.
  const extra = materials.length > 0 || uploading || materialErrors.length > 0 || dropping;
  const busy = upload !== null;
  const onDragOver = (e: DragEvent<HTMLLIElement>) => {
    if (!editable || !hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
    if (!busy) setDropping(true);
  };
  const onDrop = (e: DragEvent<HTMLLIElement>) => {
    if (!editable || !hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    setDropping(false);
    if (!busy) onAttach([...e.dataTransfer.files]);
  };
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: item.id,
    disabled: !editable,
    attributes: { roleDescription: t('meetings.agenda.roleDescription') },
  });
  const style = { transform: CSS.Translate.toString(transform), transition };
  const onHandleKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    // Alt+↑/↓ moves at once, as the contract describes; anything else goes to dnd-kit's keyboard sensor.
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      onMove(e.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    listeners?.onKeyDown?.(e);
  };
  const isCase = item.caseId !== null;
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`mt-item${isCase ? ' mt-item-case' : ' mt-item-frame'}${isDragging ? ' mt-item-dragging' : ''}${item.consentWithdrawn ? ' mt-item-warn' : ''}${dropping ? ' mt-item-dropping' : ''}${extra ? ' mt-item-has-extra' : ''}`}
      data-testid="agenda-item"
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={onDrop}
      aria-busy={uploading || undefined}
    >
      {editable && (
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="mt-handle"
          {...attributes}
          {...listeners}
          onKeyDown={onHandleKeyDown}
          aria-label={t('meetings.agenda.dragHandle', { title: label })}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      <div className="mt-item-body">
        <p className="mt-item-title">
          {number !== null && <span className="mt-item-number">{number}.</span>}
          {isCase ? (
            <>
              {item.kind && <span className={`badge mt-kind mt-kind-${item.kind}`}>{t(`meetings.kinds.${item.kind}`)}</span>}
              <span className="mt-case-number">{item.caseNumber}</span>
              <span className="mt-initials">（{item.initials}）</span>
            </>
          ) : (
            <span>{item.title}</span>
          )}
          {item.consentWithdrawn && (
            <span className="badge mt-badge-warn" title={t('meetings.agenda.consentWithdrawnHint')}>
              ⚠ {t('meetings.agenda.consentWithdrawn')}
            </span>
          )}
        </p>
        {isCase && (
          <p className="mt-item-meta">
            {item.presenterOrganizationName && <span>{t('meetings.agenda.presenter', { organization: item.presenterOrganizationName })}</span>}
            <span>{participantNames.length === 0 ? t('meetings.agenda.participantsAll') : t('meetings.agenda.participantsSome', { names: participantNames.join('、') })}</span>
          </p>
        )}
        {item.consentWithdrawn && <p className="mt-item-warning">{t('meetings.agenda.consentWithdrawnHint')}</p>}
      </div>
      <span className="mt-item-minutes">{t('meetings.agenda.minutes', { count: item.minutes })}</span>
      {editable && (
        <div className="mt-item-buttons">
          <button type="button" className="button button-small mt-icon-button" aria-label={t('meetings.agenda.moveUp', { title: label })} aria-disabled={first || undefined} onClick={() => !first && onMove(-1)}>
            ↑<span className="visually-hidden">{t('meetings.agenda.up')}</span>
          </button>
          <button type="button" className="button button-small mt-icon-button" aria-label={t('meetings.agenda.moveDown', { title: label })} aria-disabled={last || undefined} onClick={() => !last && onMove(1)}>
            ↓<span className="visually-hidden">{t('meetings.agenda.down')}</span>
          </button>
          <button type="button" className="button button-small" aria-label={t('meetings.agenda.editLabel', { title: label })} onClick={onEdit}>
            {t('meetings.agenda.edit')}
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label={t('meetings.materials.attachLabel', { title: label })}
            aria-describedby={materialsHintId}
            aria-disabled={busy || undefined}
            onClick={() => !busy && fileInput.current?.click()}
          >
            {t('meetings.materials.attach')}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={MATERIAL_ACCEPT}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            data-testid="material-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              onAttach(files);
            }}
          />
          <button type="button" className="button button-small button-danger" aria-label={t('meetings.agenda.removeLabel', { title: label })} onClick={onRemove}>
            {t('meetings.agenda.remove')}
          </button>
        </div>
      )}
      {extra && (
        <div className={`mt-item-extra${editable ? ' mt-item-extra-indent' : ''}`}>
          {materials.length > 0 && (
            <ul className="mt-materials" aria-label={t('meetings.materials.listLabel', { title: label })}>
              {materials.map((m) => {
                const numberText = t('meetings.materials.number', { number: m.number });
                return (
                  <li key={m.id} className="mt-material" data-testid="material">
                    <span className="mt-material-number">{numberText}</span>
                    <span className="mt-material-name">{m.fileName}</span>
                    <span className="mt-material-buttons">
                      <button type="button" className="button button-small" aria-label={t('meetings.materials.viewLabel', { number: numberText, fileName: m.fileName })} onClick={() => onViewMaterial(m)}>
                        {t('meetings.materials.view')}
                      </button>
                      {editable && (
                        <button
                          type="button"
                          className="button button-small button-danger"
                          aria-label={t('meetings.materials.removeLabel', { number: numberText, fileName: m.fileName })}
                          onClick={() => onRemoveMaterial(m)}
                        >
                          {t('meetings.materials.remove')}
                        </button>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          {uploading && (
            <p className="mt-progress mt-material-progress">
              <span className="mt-spinner" aria-hidden="true" />
              {upload.total > 1
                ? t('meetings.materials.uploadingCount', { fileName: upload.fileName, index: upload.index, total: upload.total })
                : t('meetings.materials.uploading', { fileName: upload.fileName })}
            </p>
          )}
          {materialErrors.length > 0 && (
            <div className="form-error mt-material-errors" role="alert">
              {materialErrors.map((message, i) => (
                <p key={i}>{message}</p>
              ))}
            </div>
          )}
          {dropping && (
            <p className="mt-drop-hint" aria-hidden="true">
              {t('meetings.materials.dropHere', { title: label })}
            </p>
          )}
        </div>
      )}
    </li>
  );
}

function hasFiles(e: DragEvent): boolean {
  return [...e.dataTransfer.types].includes('Files');
}
