// Making a pôle's package, from Import / Export (the pôle chosen) or from Pôles (the pôle given):
// an optional passphrase encrypts it, as Excel's "Chiffrer avec mot de passe" does.
import { useState, type ReactNode } from 'react';
import { PACKAGE_NOTICE } from '../../../shared/exchange/package.ts';
import { useApi } from '../api.ts';
import { Busy } from '../components/Busy.tsx';
import { download } from '../files.ts';
import { useApiData } from '../useApiData.ts';
import './Package.css';

export function PackageExport({ pole: given }: { pole?: string }): ReactNode {
  const api = useApi();
  const poles = useApiData('poles.list', {});
  const [chosen, setChosen] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pole = given ?? chosen;
  const short = passphrase !== '' && passphrase.length < 8;

  const make = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file = await api('packages.export', { pole, passphrase: passphrase === '' ? undefined : passphrase });
      download(file.fileName, file.dataBase64);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="package-export">
      <p className="notice">{PACKAGE_NOTICE}</p>
      <div className="filters">
        {given === undefined ? (
          <select aria-label="Pôle du paquet" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">Choisir un pôle…</option>
            {(poles.data ?? []).map((p) => <option key={p.id} value={p.code}>{p.code} — {p.name}</option>)}
          </select>
        ) : null}
        <label className="inline-field">Phrase de passe (facultative, 8 caractères au moins){' '}
          <input type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} aria-invalid={short} />
        </label>
        <button type="button" className="primary" disabled={busy || pole === '' || short} onClick={() => void make()}>
          Exporter le paquet{given === undefined ? '' : ` de ${given}`}
        </button>
      </div>
      {short ? <p className="form-error">La phrase de passe doit compter 8 caractères au moins.</p> : null}
      <p className="muted">
        Chiffré, le paquet s’ouvre dans Excel ou LibreOffice avec la même phrase de passe ; transmettez-la par un autre canal que le fichier.
      </p>
      {busy ? <Busy label="Préparation du paquet" /> : null}
      {error ? <p className="form-error" role="alert">{error}</p> : null}
    </div>
  );
}
