import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
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
import { AddCaseDialog, ItemDialog, RemoveDialog } from './AgendaDialogs';
import type { AddedElsewhere } from './MeetingDetail';
import { itemLabel, meetingKeys, useAgenda, type AgendaItemT } from './shared';

type Dialog = { kind: 'edit'; item: AgendaItemT } | { kind: 'remove'; item: AgendaItemT } | { kind: 'addItem' } | { kind: 'addCase' } | null;

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
  const editable = meeting.state === 'planned';
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
    <section className="panel mt-agenda-panel" aria-labelledby="mt-agenda-heading">
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
      {!editable && <p className="notice">{t('meetings.detail.notPlanned')}</p>}
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
      {agenda.error && <ErrorAlert>{errorText(t, agenda.error)}</ErrorAlert>}
      {move.error && <ErrorAlert>{errorText(t, move.error)}</ErrorAlert>}
      {agenda.isPending && <p className="loading-inline">{t('app.loading')}</p>}
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
}) {
  const { t } = useTranslation();
  const label = itemLabel(t, item);
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
      className={`mt-item${isCase ? ' mt-item-case' : ' mt-item-frame'}${isDragging ? ' mt-item-dragging' : ''}${item.consentWithdrawn ? ' mt-item-warn' : ''}`}
      data-testid="agenda-item"
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
          <button type="button" className="button button-small button-danger" aria-label={t('meetings.agenda.removeLabel', { title: label })} onClick={onRemove}>
            {t('meetings.agenda.remove')}
          </button>
        </div>
      )}
    </li>
  );
}
