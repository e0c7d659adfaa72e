import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useInvoke } from '../../api';
import { fieldErrors } from '../../errors';
import { PageHeading, TextField } from '../../components/forms';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { useOrganizations } from '../directory/OrganizationsTab';
import { ErrorAlert, SelectField, TextAreaField, formErrorText, todayIso } from '../directory/ui';
import { useCategories } from './shared';

export const ROUTES = ['self', 'phone', 'family', 'minsei', 'houkatsu', 'school', 'partner', 'other'] as const;

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
  const [fullName, setFullName] = useState('');
  const [fullNameKana, setFullNameKana] = useState('');
  const [birthDate, setBirthDate] = useState('');
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
        fullName: fullName.trim() || null,
        fullNameKana: fullNameKana.trim() || null,
        birthDate: birthDate || null,
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
          <div className="field-row">
            <TextField label={t('cases.register.fullName')} value={fullName} onChange={(e) => setFullName(e.target.value)} maxLength={60} error={err('fullName')} autoComplete="off" aria-describedby="private-hint" />
            <TextField
              label={t('cases.register.fullNameKana')}
              value={fullNameKana}
              onChange={(e) => setFullNameKana(e.target.value)}
              maxLength={60}
              error={err('fullNameKana')}
              autoComplete="off"
              aria-describedby="private-hint"
            />
          </div>
          <TextField label={t('cases.register.birthDate')} type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} error={err('birthDate')} className="field-date" aria-describedby="private-hint" />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('cases.register.intakeLegend')}</legend>
          <TextField label={t('cases.register.receivedOn')} required type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} error={err('receivedOn')} className="field-date" />
          <TextField
            label={t('cases.register.intakeRoute')}
            value={intakeRoute}
            onChange={(e) => setIntakeRoute(e.target.value)}
            maxLength={60}
            list="intake-routes"
            hint={t('cases.register.intakeRouteHint')}
            error={err('intakeRoute')}
          />
          <datalist id="intake-routes">
            {ROUTES.map((r) => (
              <option key={r} value={t(`cases.register.routes.${r}`)} />
            ))}
          </datalist>
          <div className="field-row">
            <SelectField label={t('cases.register.receivedBy')} value={receivedBy} onChange={(e) => setReceivedBy(e.target.value)} error={err('receivedByOrganizationId')}>
              <option value="">{t('cases.register.noOrganization')}</option>
              {(orgs.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('cases.register.lead')} value={lead} onChange={(e) => setLead(e.target.value)} error={err('leadOrganizationId')}>
              <option value="">{t('cases.register.noOrganization')}</option>
              {(orgs.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
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
          <div className="checkbox-grid">
            {(categories.data ?? []).map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" checked={categoryIds.includes(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                {c.label}
              </label>
            ))}
          </div>
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
