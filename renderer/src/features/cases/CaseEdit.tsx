import { useMemo, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/contract/cases';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { TextField } from '../../components/forms';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, FormActions, TextAreaField, formErrorText } from '../directory/ui';
import { CategoryCheckboxes, EMPTY_IDENTITY, IdentityFields, IntakeRouteField, OrganizationSelect, type Identity } from './CaseFields';
import { useCategories } from './shared';

type UpdateBody = {
  initials?: string;
  fullName?: string;
  fullNameKana?: string;
  birthDate?: string;
  householdNotes?: string | null;
  intakeRoute?: string | null;
  receivedByOrganizationId?: string | null;
  leadOrganizationId?: string | null;
  categoryIds?: string[];
};

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * 「編集」: the case record, prefilled from case.get. The name, reading and date of birth are
 * never prefilled (they are shown only through case.reveal); they are sent only when typed.
 * Only the fields that changed are sent, so a lead organization or category retired since
 * stays on the case unless the user changes that field.
 */
export function EditCaseForm({ detail, onDone, onCancel }: { detail: CaseDetail; onDone: (next: CaseDetail | null) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const orgs = useOrganizations(true);
  const categories = useCategories();
  const [initials, setInitials] = useState(detail.initials);
  const [identity, setIdentity] = useState<Identity>(EMPTY_IDENTITY);
  const [notes, setNotes] = useState(detail.householdNotes ?? '');
  const [intakeRoute, setIntakeRoute] = useState(detail.intakeRoute ?? '');
  const [receivedBy, setReceivedBy] = useState(detail.receivedByOrganizationId ?? '');
  const [lead, setLead] = useState(detail.leadOrganizationId ?? '');
  const activeIds = useMemo(() => new Set((categories.data ?? []).map((c) => c.id)), [categories.data]);
  const initialActive = useMemo(() => detail.categoryIds.filter((id) => activeIds.has(id)), [detail.categoryIds, activeIds]);
  const [picked, setPicked] = useState<string[] | null>(null);
  const categoryIds = picked ?? initialActive;
  // case.get lists the labels in the same order as the ids: the retired ones are named from there.
  const retiredLabels = detail.categoryIds.map((id, i) => (activeIds.has(id) ? null : (detail.categories[i] ?? null))).filter((x): x is string => Boolean(x));
  const [local, setLocal] = useState<Record<string, string>>({});

  const orgOptions = (current: string | null) => (orgs.data ?? []).filter((o) => !o.retiredAt || o.id === current);

  function body(): UpdateBody {
    const out: UpdateBody = {};
    if (initials.trim() !== detail.initials) out.initials = initials.trim();
    if (identity.fullName.trim()) out.fullName = identity.fullName.trim();
    if (identity.fullNameKana.trim()) out.fullNameKana = identity.fullNameKana.trim();
    if (identity.birthDate) out.birthDate = identity.birthDate;
    if ((notes.trim() || null) !== detail.householdNotes) out.householdNotes = notes.trim() || null;
    if ((intakeRoute.trim() || null) !== detail.intakeRoute) out.intakeRoute = intakeRoute.trim() || null;
    if ((receivedBy || null) !== detail.receivedByOrganizationId) out.receivedByOrganizationId = receivedBy || null;
    if ((lead || null) !== detail.leadOrganizationId) out.leadOrganizationId = lead || null;
    if (picked && !sameSet(picked, initialActive)) out.categoryIds = picked;
    return out;
  }

  const save = useMutation({
    mutationFn: async () => {
      const changes = body();
      if (Object.keys(changes).length === 0) return null;
      return invoke('case.update', { id: detail.id, ...changes });
    },
    onSuccess: onDone,
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!initials.trim()) errors.initials = t('cases.register.initialsRequired');
    setLocal(errors);
    if (Object.keys(errors).length === 0) save.mutate();
  }
  const server = fieldErrors(t, save.error);
  const err = (f: string) => local[f] ?? server[f];
  const toggle = (id: string, on: boolean) =>
    setPicked((ids) => {
      const current = ids ?? initialActive;
      return on ? (current.includes(id) ? current : [...current, id]) : current.filter((x) => x !== id);
    });

  return (
    <form onSubmit={submit} noValidate>
      <TextField
        label={t('cases.register.initials')}
        required
        value={initials}
        onChange={(e) => setInitials(e.target.value)}
        maxLength={20}
        hint={t('cases.register.initialsHint')}
        error={err('initials')}
        autoComplete="off"
        autoFocus
      />
      <fieldset className="fieldset" aria-describedby="edit-private-note">
        <legend>{t('cases.edit.privateLegend')}</legend>
        <p className="private-note" id="edit-private-note">
          {t('cases.edit.privateNote')}
        </p>
        <IdentityFields value={identity} onChange={setIdentity} err={err} />
      </fieldset>
      <IntakeRouteField value={intakeRoute} onChange={setIntakeRoute} error={err('intakeRoute')} listId="edit-intake-routes" />
      <div className="field-row">
        <OrganizationSelect
          label={t('cases.register.receivedBy')}
          value={receivedBy}
          onChange={setReceivedBy}
          error={err('receivedByOrganizationId')}
          organizations={orgOptions(detail.receivedByOrganizationId)}
        />
        <OrganizationSelect label={t('cases.register.lead')} value={lead} onChange={setLead} error={err('leadOrganizationId')} organizations={orgOptions(detail.leadOrganizationId)} />
      </div>
      <TextAreaField
        label={t('cases.register.householdNotes')}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        maxLength={4000}
        rows={4}
        hint={t('cases.register.householdNotesHint')}
        error={err('householdNotes')}
      />
      <fieldset className="fieldset" aria-describedby={retiredLabels.length ? 'edit-categories-retired' : undefined}>
        <legend>{t('cases.register.categoriesLegend')}</legend>
        <CategoryCheckboxes categories={categories.data ?? []} checked={categoryIds} onToggle={toggle} />
        {retiredLabels.length > 0 && (
          <p id="edit-categories-retired" className="field-hint">
            {t('cases.edit.categoriesRetired', { labels: retiredLabels.join(t('common.listSeparator')) })}
          </p>
        )}
        {err('categoryIds') && <p className="field-error">{err('categoryIds')}</p>}
      </fieldset>
      {save.error && <ErrorAlert>{formErrorText(t, save.error)}</ErrorAlert>}
      <FormActions cancelLabel={t('cases.cancel')} onCancel={onCancel} submitLabel={t('cases.edit.submit')} pending={save.isPending} pendingLabel={t('cases.saving')} />
    </form>
  );
}
