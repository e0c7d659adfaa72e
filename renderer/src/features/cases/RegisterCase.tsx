import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { PageHeading, TextField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, TextAreaField, formErrorText, todayIso } from '../directory/ui';
import { CategoryCheckboxes, EMPTY_IDENTITY, IdentityFields, IntakeRouteField, OrganizationSelect, type Identity } from './CaseFields';
import { useCategories } from './shared';

/** 相談受付: initials are required; name, reading and birth date are optional and stored encrypted. */
export function RegisterCase({ onCancel, onRegistered }: { onCancel: () => void; onRegistered: (id: string) => void }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const heading = t('cases.register.heading');
  useDocumentTitle(heading);
  const orgs = useOrganizations(false);
  const categories = useCategories();
  const [initials, setInitials] = useState('');
  const [identity, setIdentity] = useState<Identity>(EMPTY_IDENTITY);
  const [receivedOn, setReceivedOn] = useState(todayIso());
  const [intakeRoute, setIntakeRoute] = useState('');
  const [receivedBy, setReceivedBy] = useState('');
  const [lead, setLead] = useState('');
  const [notes, setNotes] = useState('');
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [local, setLocal] = useState<Record<string, string>>({});

  const register = useMutation({
    mutationFn: () =>
      invoke('case.register', {
        initials: initials.trim(),
        fullName: identity.fullName.trim() || null,
        fullNameKana: identity.fullNameKana.trim() || null,
        birthDate: identity.birthDate || null,
        householdNotes: notes.trim() || null,
        intakeRoute: intakeRoute.trim() || null,
        receivedOn,
        receivedByOrganizationId: receivedBy || null,
        leadOrganizationId: lead || null,
        categoryIds,
      }),
    onSuccess: (detail) => {
      void queryClient.invalidateQueries({ queryKey: ['case.list'] });
      void queryClient.invalidateQueries({ queryKey: ['home.summary'] });
      onRegistered(detail.id);
    },
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!initials.trim()) errors.initials = t('cases.register.initialsRequired');
    if (!receivedOn) errors.receivedOn = t('directory.common.required');
    setLocal(errors);
    if (Object.keys(errors).length === 0) register.mutate();
  }
  const server = fieldErrors(t, register.error);
  const err = (f: string) => local[f] ?? server[f];
  const toggle = (id: string, on: boolean) => setCategoryIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  return (
    <article className="page">
      <p className="back-row">
        <button type="button" className="link-button" onClick={onCancel}>
          ← {t('cases.register.back')}
        </button>
      </p>
      <PageHeading>{heading}</PageHeading>
      <form className="panel form-panel" onSubmit={submit} noValidate>
        <fieldset className="fieldset">
          <legend>{t('cases.register.personLegend')}</legend>
          <TextField
            label={t('cases.register.initials')}
            required
            value={initials}
            onChange={(e) => setInitials(e.target.value)}
            maxLength={20}
            placeholder={t('cases.register.initialsExample')}
            hint={t('cases.register.initialsHint')}
            error={err('initials')}
            autoComplete="off"
          />
          <p className="private-note" id="private-hint">
            {t('cases.register.privateHint')}
          </p>
          <IdentityFields value={identity} onChange={setIdentity} err={err} describedBy="private-hint" />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('cases.register.intakeLegend')}</legend>
          <TextField label={t('cases.register.receivedOn')} required type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} error={err('receivedOn')} className="field-date" />
          <IntakeRouteField value={intakeRoute} onChange={setIntakeRoute} error={err('intakeRoute')} listId="intake-routes" />
          <div className="field-row">
            <OrganizationSelect label={t('cases.register.receivedBy')} value={receivedBy} onChange={setReceivedBy} error={err('receivedByOrganizationId')} organizations={orgs.data ?? []} />
            <OrganizationSelect label={t('cases.register.lead')} value={lead} onChange={setLead} error={err('leadOrganizationId')} organizations={orgs.data ?? []} />
          </div>
          <TextAreaField
            label={t('cases.register.householdNotes')}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={4000}
            rows={3}
            hint={t('cases.register.householdNotesHint')}
            error={err('householdNotes')}
          />
        </fieldset>
        <fieldset className="fieldset" aria-describedby="categories-hint">
          <legend>{t('cases.register.categoriesLegend')}</legend>
          <p id="categories-hint" className="field-hint">
            {t('cases.register.categoriesHint')}
          </p>
          <CategoryCheckboxes categories={categories.data ?? []} checked={categoryIds} onToggle={toggle} />
          {err('categoryIds') && <p className="field-error">{err('categoryIds')}</p>}
        </fieldset>
        {register.error && (
          <ErrorAlert>{formErrorText(t, register.error)}</ErrorAlert>
        )}
        <div className="form-actions">
          <button type="submit" className="button button-primary button-wide" disabled={register.isPending}>
            {register.isPending ? t('cases.register.submitting') : t('cases.register.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('cases.cancel')}
          </button>
        </div>
      </form>
    </article>
  );
}
