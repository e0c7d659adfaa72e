import { formatFiscalYear } from '../../../../shared/domain/fiscal-year';
import { formatWareki } from '../../../../shared/domain/wareki';
import { renderDocument } from '../official-document';

export interface PledgeSigner {
  name: string;
  organizationName: string;
  title: string | null;
}

export type PledgeForm =
  | { kind: 'per_meeting'; signer: PledgeSigner; meetingTitle: string; meetingDate: string }
  | { kind: 'individual_annual'; signer: PledgeSigner; fiscalYear: number }
  | { kind: 'organization_roster'; organizationName: string; fiscalYear: number; members: Array<{ name: string; title: string | null }> };

export interface PledgeFormsData {
  municipalityName: string;
  secretariatName: string;
  addressee: string;
  wording: { version: number; text: string };
  forms: PledgeForm[];
}

const BLANK_DATE = '令和　　年　　月　　日';

function coverageLine(form: PledgeForm): string {
  if (form.kind === 'per_meeting') return `対象：${form.meetingTitle}（${formatWareki(form.meetingDate, { weekday: true })}開催）`;
  return `対象：${formatFiscalYear(form.fiscalYear)}（${formatWareki(`${form.fiscalYear}-04-01`)}から${formatWareki(`${form.fiscalYear + 1}-03-31`)}まで）に開催される支援会議`;
}

function SignatureBlock({ signer }: { signer: PledgeSigner }) {
  return (
    <table className="signer">
      <tbody>
        <tr>
          <th>所属機関</th>
          <td>{signer.organizationName}</td>
        </tr>
        <tr>
          <th>職名</th>
          <td>{signer.title ?? ''}</td>
        </tr>
        <tr>
          <th>氏名</th>
          <td>{signer.name}</td>
        </tr>
        <tr>
          <th>署名</th>
          <td className="sign" />
        </tr>
      </tbody>
    </table>
  );
}

/**
 * 守秘義務に関する誓約書: pre-filled forms, one page each, with blank date and signature lines
 * for the signer. The wording is the current version from settings, and its version is printed
 * so the signed paper can be matched to the text.
 */
export function pledgeForms(data: PledgeFormsData): string {
  const paragraphs = data.wording.text.split('\n').filter(Boolean);
  return renderDocument(
    { title: '守秘義務に関する誓約書', municipalityName: data.municipalityName, secretariatName: data.secretariatName },
    <>
      <style>{`
        .form { break-after: page; }
        .form:last-child { break-after: auto; }
        .signer { width: 62%; margin-left: auto; margin-top: 8mm; }
        .signer th { width: 26%; }
        .signer td.sign { height: 14mm; }
        .roster th, .roster td { height: 9mm; }
        .roster .sign { width: 35%; }
        .version { font-size: 8pt; color: #444; margin-top: 6mm; }
        .wording p { margin-bottom: 2mm; }
        .wording p + p { padding-left: 1.3em; text-indent: -1.3em; }
      `}</style>
      {data.forms.map((form, i) => (
        <section className="form" key={i}>
          <p className="meta">{BLANK_DATE}</p>
          <p>{data.addressee}　様</p>
          <h1>守秘義務に関する誓約書</h1>
          <p style={{ textAlign: 'center' }}>{coverageLine(form)}</p>
          <div className="wording">
            {paragraphs.map((p, j) => (
              <p key={j}>{p}</p>
            ))}
          </div>
          {form.kind === 'organization_roster' ? (
            <>
              <p>上記について、当機関の次の職員が遵守することを、機関の代表者として誓約します。</p>
              <table className="signer">
                <tbody>
                  <tr>
                    <th>機関名</th>
                    <td>{form.organizationName}</td>
                  </tr>
                  <tr>
                    <th>代表者 職・氏名</th>
                    <td className="sign" />
                  </tr>
                </tbody>
              </table>
              <h2>対象となる職員</h2>
              <table className="roster">
                <thead>
                  <tr>
                    <th style={{ width: '8%' }}>番号</th>
                    <th>氏名</th>
                    <th>職名</th>
                    <th className="sign">本人署名</th>
                  </tr>
                </thead>
                <tbody>
                  {form.members.map((m, j) => (
                    <tr key={j}>
                      <td>{j + 1}</td>
                      <td>{m.name}</td>
                      <td>{m.title ?? ''}</td>
                      <td />
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            <SignatureBlock signer={form.signer} />
          )}
          <p className="version">誓約書文面 第{data.wording.version}版</p>
        </section>
      ))}
    </>,
  );
}
