import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/forms';
import { OrganizationOptions, SelectField } from '../directory/ui';

/** The fields the 相談受付 form and the edit form share; labels and error keys are the same in both. */

export const ROUTES = ['self', 'phone', 'family', 'minsei', 'houkatsu', 'school', 'partner', 'other'] as const;

type FieldError = (field: string) => string | undefined;

export type Identity = { fullName: string; fullNameKana: string; birthDate: string };
export const EMPTY_IDENTITY: Identity = { fullName: '', fullNameKana: '', birthDate: '' };

/** Name, reading and date of birth (all optional, stored encrypted); `describedBy` points them at a note. */
export function IdentityFields({ value, onChange, err, describedBy }: { value: Identity; onChange: (next: Identity) => void; err: FieldError; describedBy?: string }) {
  const { t } = useTranslation();
  // Only passed when given: an explicit undefined would replace the field's own hint/error description.
  const described = describedBy ? { 'aria-describedby': describedBy } : {};
  const set = (patch: Partial<Identity>) => onChange({ ...value, ...patch });
  return (
    <>
      <div className="field-row">
        <TextField label={t('cases.register.fullName')} value={value.fullName} onChange={(e) => set({ fullName: e.target.value })} maxLength={60} error={err('fullName')} autoComplete="off" {...described} />
        <TextField label={t('cases.register.fullNameKana')} value={value.fullNameKana} onChange={(e) => set({ fullNameKana: e.target.value })} maxLength={60} error={err('fullNameKana')} autoComplete="off" {...described} />
      </div>
      <TextField label={t('cases.register.birthDate')} type="date" value={value.birthDate} onChange={(e) => set({ birthDate: e.target.value })} error={err('birthDate')} className="field-date" {...described} />
    </>
  );
}

/** 相談経路: free text, with the usual routes offered from a datalist (`listId` must be unique on the page). */
export function IntakeRouteField({ value, onChange, error, listId }: { value: string; onChange: (value: string) => void; error: string | undefined; listId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('cases.register.intakeRoute')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={60}
        list={listId}
        hint={t('cases.register.intakeRouteHint')}
        error={error}
      />
      <datalist id={listId}>
        {ROUTES.map((r) => (
          <option key={r} value={t(`cases.register.routes.${r}`)} />
        ))}
      </datalist>
    </>
  );
}

/** An organization picker with 「なし」 first; the caller decides which organizations are offered. */
export function OrganizationSelect({
  label,
  value,
  onChange,
  error,
  organizations,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  organizations: readonly { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  return (
    <SelectField label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      <OrganizationOptions first={t('cases.register.noOrganization')} organizations={organizations} />
    </SelectField>
  );
}

/** The need categories as a grid of checkboxes. */
export function CategoryCheckboxes({
  categories,
  checked,
  onToggle,
}: {
  categories: readonly { id: string; label: string }[];
  checked: readonly string[];
  onToggle: (id: string, on: boolean) => void;
}) {
  return (
    <div className="checkbox-grid">
      {categories.map((c) => (
        <label key={c.id} className="checkbox">
          <input type="checkbox" checked={checked.includes(c.id)} onChange={(e) => onToggle(c.id, e.target.checked)} />
          {c.label}
        </label>
      ))}
    </div>
  );
}
