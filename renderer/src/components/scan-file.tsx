import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ATTACHMENT_LIMIT_MB } from '../../../shared/contract/cases';
import { fileToBase64 } from '../features/directory/files';
import { FieldShell, describedBy } from '../features/directory/ui';

/** A signed form scanned (consent, pledge): what the file chooser offers. */
export const SCAN_ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

type ScanMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

/** The media type the core accepts for a file, from the browser's type or else the file's extension. */
export function scanMediaType(file: { type: string; name: string }): ScanMediaType | null {
  const type = file.type.toLowerCase();
  if (type === 'application/pdf' || type === 'image/png' || type === 'image/jpeg') return type;
  if (type === 'image/jpg' || type === 'image/pjpeg') return 'image/jpeg';
  if (type) return null;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext === 'pdf' ? 'application/pdf' : ext === 'png' ? 'image/png' : ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : null;
}

/** Why a chosen scan cannot be sent (its type, its size), checked before the core checks it again; null when it can. */
export function scanProblem(t: TFunction, file: File): string | null {
  if (!scanMediaType(file)) return t('errors.attachment_type_not_allowed');
  if (file.size > ATTACHMENT_LIMIT_MB * 1024 * 1024) return t('errors.attachment_too_large', { limitMb: ATTACHMENT_LIMIT_MB });
  return null;
}

/** A checked scan as an attachScan call sends it (its name cut to the last 120 characters). */
export async function scanUpload(file: File): Promise<{ fileName: string; mediaType: ScanMediaType; dataBase64: string }> {
  const mediaType = scanMediaType(file);
  if (!mediaType) throw new Error('unreachable: checked before sending');
  return { fileName: file.name.slice(-120) || 'scan', mediaType, dataBase64: await fileToBase64(file) };
}

/**
 * The scan a form attaches: the file chosen and why it cannot be sent (`required` when none is
 * chosen). A choice is checked at once; `checked()`, on submit, gives the file only if it can go.
 */
export function useScanChoice(required: string) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const check = (f: File | null) => {
    const found = f ? scanProblem(t, f) : required;
    setProblem(found);
    return found === null;
  };
  return {
    problem,
    choose: (f: File | null) => {
      setFile(f);
      if (f) check(f);
      else setProblem(null);
    },
    checked: (): File | null => (check(file) ? file : null),
  };
}

/** The file input of a scan, with its hint and its error right below it. */
export function ScanFileField({
  label,
  hint,
  error,
  autoFocus,
  onChange,
}: {
  label: string;
  hint?: string;
  error?: string | undefined;
  autoFocus?: boolean;
  onChange: (file: File | null) => void;
}) {
  const id = useId();
  return (
    <FieldShell label={label} id={id} hint={hint} error={error}>
      <input
        id={id}
        type="file"
        className="input input-file"
        accept={SCAN_ACCEPT}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
    </FieldShell>
  );
}
