import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MINUTES, Locale, TextSize, type Settings as SettingsData, type UpdateSettingsInput } from '../../../../shared/contract';
import { useAppStatus, useInvoke } from '../../api';
import { errorText, fieldErrors } from '../../errors';
import { PageHeading, TextField, useFlash } from '../../components/forms';
import { useSetPrefs } from '../../components/prefs';
import { useDocumentTitle } from '../../components/useDocumentTitle';
import { StaffPanel } from '../staff/StaffPanel';
import { CaseNumberSettings, CategorySettings } from '../cases/CaseSettings';
import { PledgeWordingSettings } from '../pledges/PledgeWordingSettings';
import { AuditLogPage } from '../audit/AuditLogPage';
import { AuditLogPanel } from '../audit/AuditLogPanel';
import { BackupSettings } from '../backup/BackupSettings';
import { SaveActions } from '../directory/ui';
import { AdministratorFieldset, AdministratorOnlyPanel, PanelTitle, useAdministratorGate } from '../../components/administrator';
import { UpdateSettingsInput as UpdateSettingsSchema } from '../../../../shared/contract/settings';

/** The bounds of the 資料 size limit, read from the contract so the form and the core agree. */
const MATERIALS_LIMIT = (() => {
  const schema = UpdateSettingsSchema.shape.materialsLimitMb.unwrap();
  return { min: schema.minValue ?? 1, max: schema.maxValue ?? 500 };
})();

export function Settings() {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const heading = t('settings.heading');
  useDocumentTitle(heading);
  const settings = useQuery({ queryKey: ['settings.get'], queryFn: () => invoke('settings.get', {}) });
  // 監査ログ is a sub-view of 設定 (opened from its panel below).
  const [auditOpen, setAuditOpen] = useState(false);

  if (auditOpen) return <AuditLogPage onBack={() => setAuditOpen(false)} />;

  return (
    <article className="page">
      <PageHeading>{heading}</PageHeading>
      <DisplaySettings />
      {settings.isPending && (
        <p className="loading-inline" role="status">
          {t('app.loading')}
        </p>
      )}
      {settings.error && (
        <div className="form-error" role="alert">
          {errorText(t, settings.error)}
        </div>
      )}
      {settings.data && <VaultSettings initial={settings.data} />}
      {settings.data && <CaseNumberSettings initial={settings.data} />}
      <CategorySettings />
      {/* The wording every pledge states is an administrator's (its panel is the pledges feature's). */}
      <AdministratorOnlyPanel>
        <PledgeWordingSettings />
      </AdministratorOnlyPanel>
      <BackupSettings />
      <StaffPanel />
      <AuditLogPanel onOpen={() => setAuditOpen(true)} />
    </article>
  );
}

function DisplaySettings() {
  const { t, i18n } = useTranslation();
  const { status } = useAppStatus();
  const setPrefs = useSetPrefs();
  const [flash, setFlash] = useFlash();
  const [textSize, setTextSize] = useState<TextSize>(status?.prefs.textSize ?? 'standard');
  // Local, so the radio follows the click at once (the language itself changes a moment later).
  const [locale, setLocale] = useState<string>(i18n.language);
  useEffect(() => setLocale(i18n.language), [i18n.language]);

  function change(prefs: { locale?: Locale; textSize?: TextSize }) {
    setFlash(null);
    setPrefs.mutate(prefs, { onSuccess: () => setFlash('settings.displaySaved') });
  }

  return (
    <section className="panel settings-panel" aria-labelledby="display-heading">
      <h2 id="display-heading" className="panel-title">
        {t('settings.displayHeading')}
      </h2>
      <p className="field-hint">{t('settings.displayNote')}</p>
      <div className="settings-columns">
        <fieldset className="fieldset choice-group">
          <legend>{t('settings.languageLegend')}</legend>
          {Locale.options.map((option) => (
            <label key={option} className="radio" lang={option}>
              <input
                type="radio"
                name="locale"
                value={option}
                checked={locale === option}
                onChange={() => {
                  setLocale(option);
                  change({ locale: option });
                }}
              />
              <span>{t(`settings.languages.${option}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset choice-group">
          <legend>{t('settings.textSizeLegend')}</legend>
          {TextSize.options.map((size) => (
            <label key={size} className={`radio text-size-sample text-size-sample-${size}`}>
              <input
                type="radio"
                name="textSize"
                value={size}
                checked={textSize === size}
                onChange={() => {
                  setTextSize(size);
                  change({ textSize: size });
                }}
              />
              <span>{t(`settings.textSizes.${size}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p className="status-line" role="status">
        {flash ? t(flash) : null}
      </p>
      {setPrefs.error && (
        <div className="form-error" role="alert">
          {errorText(t, setPrefs.error)}
        </div>
      )}
    </section>
  );
}

function VaultSettings({ initial }: { initial: SettingsData }) {
  const { t } = useTranslation();
  const invoke = useInvoke();
  const queryClient = useQueryClient();
  const { refresh } = useAppStatus();
  const [flash, setFlash] = useFlash();
  const [municipalityName, setMunicipalityName] = useState(initial.municipalityName);
  const [secretariatName, setSecretariatName] = useState(initial.secretariatName);
  const [minutes, setMinutes] = useState(String(initial.idleLockMinutes));
  const [materialsMb, setMaterialsMb] = useState(String(initial.materialsLimitMb));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // What documents say, the idle lock and the size of materials: an administrator's (settings.update).
  const gate = useAdministratorGate();

  const update = useMutation({
    mutationFn: (input: UpdateSettingsInput) => invoke('settings.update', input),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings.get'], saved);
      setFlash('common.saved');
      void refresh();
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFlash(null);
    const errors: Record<string, string> = {};
    if (municipalityName.trim() === '') errors.municipalityName = t('validation.required');
    if (secretariatName.trim() === '') errors.secretariatName = t('validation.required');
    const n = Number(minutes);
    if (minutes.trim() === '' || !Number.isInteger(n) || n < IDLE_LOCK_MINUTES.min || n > IDLE_LOCK_MINUTES.max) {
      errors.idleLockMinutes = t('validation.outOfRange', { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max });
    }
    const mb = Number(materialsMb);
    if (!/^\d+$/.test(materialsMb.trim()) || mb < MATERIALS_LIMIT.min || mb > MATERIALS_LIMIT.max) {
      errors.materialsLimitMb = t('validation.outOfRange', MATERIALS_LIMIT);
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) {
      const first = ['municipalityName', 'secretariatName', 'idleLockMinutes', 'materialsLimitMb'].find((f) => errors[f]);
      document.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus();
      return;
    }
    update.mutate({ municipalityName: municipalityName.trim(), secretariatName: secretariatName.trim(), idleLockMinutes: n, materialsLimitMb: mb });
  }

  const serverErrors = fieldErrors(t, update.error);
  const errors: Record<string, string | undefined> = { ...serverErrors, ...localErrors };

  return (
    <form className="panel settings-panel" onSubmit={onSubmit} noValidate aria-labelledby="vault-settings-heading">
      <PanelTitle id="vault-settings-heading" gate={gate}>
        {t('settings.vaultHeading')}
      </PanelTitle>
      <AdministratorFieldset gate={gate}>
        <TextField
          label={t('fields.municipalityName')}
          name="municipalityName"
          required
          maxLength={60}
          value={municipalityName}
          onChange={(e) => setMunicipalityName(e.target.value)}
          error={errors.municipalityName}
        />
        <TextField
          label={t('fields.secretariatName')}
          name="secretariatName"
          required
          maxLength={60}
          value={secretariatName}
          onChange={(e) => setSecretariatName(e.target.value)}
          error={errors.secretariatName}
        />
        <TextField
          label={t('fields.idleLockMinutes')}
          name="idleLockMinutes"
          type="number"
          inputMode="numeric"
          min={IDLE_LOCK_MINUTES.min}
          max={IDLE_LOCK_MINUTES.max}
          step={1}
          required
          className="field-number"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.idleLockMinutes}
          hint={t('settings.idleLockHelp', { min: IDLE_LOCK_MINUTES.min, max: IDLE_LOCK_MINUTES.max })}
          unit={t('common.minutes')}
        />
        <TextField
          label={t('meetings.materials.limitLabel')}
          name="materialsLimitMb"
          type="number"
          inputMode="numeric"
          min={MATERIALS_LIMIT.min}
          max={MATERIALS_LIMIT.max}
          step={1}
          required
          className="field-number"
          value={materialsMb}
          onChange={(e) => setMaterialsMb(e.target.value)}
          error={errors.materialsLimitMb}
          hint={t('meetings.materials.limitHint', MATERIALS_LIMIT)}
          unit={t('meetings.materials.limitUnit')}
        />
        {update.error && (
          <div className="form-error" role="alert">
            {errorText(t, update.error)}
          </div>
        )}
        <SaveActions label={t('settings.saveVault')} pending={update.isPending} status={flash ? t(flash) : null} />
      </AdministratorFieldset>
    </form>
  );
}
