// What stands before the record when it cannot be opened as is: its passphrase to type, a
// passphrase to choose for a new encrypted record, or a damaged record and its newest good backup.
import { useState, type ReactNode } from 'react';
import type { RecordState } from '../../../shared/api/contract.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { formatBackupDate } from '../components/backups.ts';
import { useApi } from '../api.ts';

interface Props { state: RecordState; onChange(state: RecordState): void }

function PassphraseField({ id, label, value, onChange, autoFocus }: { id: string; label: string; value: string; onChange(v: string): void; autoFocus?: boolean }): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} />
    </div>
  );
}

function useAttempt(): [string | null, boolean, (work: () => Promise<void>) => Promise<void>] {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
      setError(null);
    } catch (failure) {
      const issue = failure instanceof ApiError ? failure.issues[0]?.message : undefined;
      setError(issue ?? (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return [error, busy, attempt];
}

function Unlock({ state, onChange }: Props): ReactNode {
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [error, busy, attempt] = useAttempt();
  const submit = (): Promise<void> => attempt(async () => {
    const next = await api('record.unlock', { passphrase });
    setPassphrase('');
    onChange(next);
  });
  return (
    <form aria-label="Ouvrir la base chiffrée" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1>Base chiffrée</h1>
      <p>La base <code>{state.path}</code> est chiffrée. Saisissez sa phrase de passe pour l’ouvrir.</p>
      {state.message ?? error ? <p className="form-error" role="alert">{state.message ?? error}</p> : null}
      <PassphraseField id="passphrase" label="Phrase de passe" value={passphrase} onChange={setPassphrase} autoFocus />
      <button type="submit" className="primary" disabled={busy || passphrase === ''}>Ouvrir</button>
    </form>
  );
}

function Choose({ onChange }: Props): ReactNode {
  const api = useApi();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, busy, attempt] = useAttempt();
  const submit = (): Promise<void> => attempt(async () => {
    if (passphrase !== again) throw new Error('Les deux saisies diffèrent.');
    onChange(await api('record.create', { passphrase }));
  });
  return (
    <form aria-label="Choisir la phrase de passe" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h1>Protéger la base</h1>
      <p>
        La base contiendra des données de santé d’élèves. Aucun trousseau du système n’est disponible pour garder sa clé :
        choisissez une phrase de passe (8 caractères au moins). Elle sera demandée à chaque démarrage ;
        <strong> sans elle, la base ne pourra plus être lue.</strong>
      </p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <PassphraseField id="new-passphrase" label="Phrase de passe" value={passphrase} onChange={setPassphrase} autoFocus />
      <PassphraseField id="new-passphrase-again" label="Phrase de passe, une seconde fois" value={again} onChange={setAgain} />
      <button type="submit" className="primary" disabled={busy}>Créer la base chiffrée</button>
    </form>
  );
}

function Recover({ state, onChange }: Props): ReactNode {
  const api = useApi();
  const [asking, setAsking] = useState(false);
  const [error, busy, attempt] = useAttempt();
  const good = state.goodBackup;
  return (
    <section aria-label="Base endommagée">
      <h1>Base endommagée</h1>
      <p className="form-error" role="alert">{state.message}</p>
      {error ? <p className="form-error">{error}</p> : null}
      {good === null ? (
        <p>Aucune sauvegarde saine n’a été trouvée dans le dossier des sauvegardes. Contactez l’assistance informatique de la DSDEN avant toute autre manipulation.</p>
      ) : (
        <>
          <p>Sauvegarde saine la plus récente : <strong>{formatBackupDate(good.at)}</strong> ({good.name}). Les modifications faites depuis seront perdues ; la base endommagée est gardée à côté.</p>
          {asking ? (
            <span className="confirm" role="group" aria-label="Confirmer la restauration">
              <span>Remplacer la base par cette sauvegarde ?</span>
              <button type="button" className="primary" disabled={busy} onClick={() => void attempt(async () => onChange(await api('backups.restore', { name: good.name })))}>Oui, restaurer</button>
              <button type="button" onClick={() => setAsking(false)}>Annuler</button>
            </span>
          ) : <button type="button" className="primary" onClick={() => setAsking(true)}>Restaurer cette sauvegarde</button>}
        </>
      )}
    </section>
  );
}

export function RecordGate(props: Props): ReactNode {
  const { status } = props.state;
  return (
    <main className="welcome gate">
      {status === 'locked' ? <Unlock {...props} /> : status === 'new-passphrase' ? <Choose {...props} /> : status === 'damaged' ? <Recover {...props} /> : null}
    </main>
  );
}
