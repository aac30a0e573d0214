// Paramètres › Protection de la base: whether the record is encrypted (and converting it), its
// backups, restoring one after confirmation; and the banner that says a record is not encrypted.
import { useState, type ReactNode } from 'react';
import type { BackupInfo, RecordState } from '../../../shared/api/contract.ts';
import { ApiError } from '../../../shared/api/errors.ts';
import { Loading } from '../components/common.tsx';
import { BACKUP_REASON_LABELS, formatBackupDate } from '../components/backups.ts';
import { useUi } from '../store.ts';
import { useApiData } from '../useApiData.ts';
import { useMutation } from '../useSave.ts';

function Encrypt({ state }: { state: RecordState }): ReactNode {
  const mutate = useMutation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    if (!state.keychain && passphrase !== again) return setError('Les deux saisies diffèrent.');
    try {
      await mutate('record.encrypt', state.keychain ? {} : { passphrase }, 'Base chiffrée ; le fichier en clair a été effacé.');
      setError(null);
    } catch (failure) {
      setError((failure instanceof ApiError ? failure.issues[0]?.message : undefined) ?? (failure as Error).message);
    }
  };
  return (
    <form className="child-form" aria-label="Chiffrer la base" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <p>
        <strong>La base n’est pas chiffrée.</strong> Chiffrez-la (SQLCipher) : le fichier en clair et ses sauvegardes seront remplacés
        par des copies chiffrées, puis effacés.
        {state.keychain ? ' La clé sera gardée par le trousseau du système.' : ' Aucun trousseau du système : la phrase de passe sera demandée à chaque démarrage ; sans elle, la base est perdue.'}
      </p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {state.keychain ? null : (
        <div className="field-row">
          <div className="field"><label htmlFor="encrypt-passphrase">Phrase de passe</label><input id="encrypt-passphrase" type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} /></div>
          <div className="field"><label htmlFor="encrypt-again">Une seconde fois</label><input id="encrypt-again" type="password" value={again} onChange={(e) => setAgain(e.target.value)} /></div>
        </div>
      )}
      <button type="submit" className="primary">Chiffrer la base</button>
    </form>
  );
}

function RestoreButton({ backup }: { backup: BackupInfo }): ReactNode {
  const mutate = useMutation();
  const notify = useUi((s) => s.notify);
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" onClick={() => setAsking(true)}>Restaurer</button>;
  const restore = async (): Promise<void> => {
    try {
      await mutate('backups.restore', { name: backup.name }, `Sauvegarde du ${formatBackupDate(backup.at)} restaurée ; la base remplacée a été sauvegardée.`);
    } catch (failure) {
      notify((failure as Error).message, 'error');
    }
    setAsking(false);
  };
  return (
    <span className="confirm" role="group" aria-label="Confirmer la restauration">
      <span>Remplacer la base par cette sauvegarde ? La base actuelle sera sauvegardée d’abord.</span>
      <button type="button" className="danger" onClick={() => void restore()}>Oui, restaurer</button>
      <button type="button" onClick={() => setAsking(false)}>Annuler</button>
    </span>
  );
}

function Backups(): ReactNode {
  const backups = useApiData('backups.list', {});
  const mutate = useMutation();
  if (backups.data === undefined) return <Loading error={backups.error} />;
  return (
    <>
      <div className="form-actions">
        <button type="button" onClick={() => void mutate('backups.create', {}, 'Sauvegarde faite.')}>Sauvegarder maintenant</button>
      </div>
      {backups.data.length === 0 ? <p className="muted">Aucune sauvegarde pour l’instant.</p> : (
        <table className="plain" aria-label="Sauvegardes">
          <thead><tr><th>Date</th><th>Faite</th><th className="num">Taille</th><th><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {backups.data.map((b) => (
              <tr key={b.name}>
                <td>{formatBackupDate(b.at)}</td>
                <td>{BACKUP_REASON_LABELS[b.reason]}</td>
                <td className="num">{(b.bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo</td>
                <td><RestoreButton backup={b} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * Above every screen while the record file is not encrypted (the browser mode and the command line
 * create one when no passphrase is given): it holds health data, so it is said until converted.
 */
export function PlainRecordBanner(): ReactNode {
  const state = useApiData('record.state', {});
  const go = useUi((s) => s.go);
  if (state.data === undefined || state.data.encrypted || state.data.path === ':memory:') return null;
  return (
    <aside className="form-error" aria-label="Base non chiffrée">
      <strong>Base non chiffrée.</strong> Le fichier <code>{state.data.path}</code> contient des données de santé d’élèves et se lit sans
      phrase de passe : ne l’utilisez que pour une démonstration, ou chiffrez-le.{' '}
      <button type="button" onClick={() => go('settings')}>Chiffrer la base…</button>
    </aside>
  );
}

export function SafetySection(): ReactNode {
  const state = useApiData('record.state', {});
  if (state.data === undefined) return <Loading error={state.error} />;
  const memory = state.data.path === ':memory:';
  return (
    <section aria-label="Protection de la base">
      <h2>Protection de la base</h2>
      {state.data.encrypted
        ? <p className="tag-ok-line">Base chiffrée (SQLCipher){state.data.keychain ? ', clé gardée par le trousseau du système.' : ', ouverte avec sa phrase de passe.'}</p>
        : memory ? <p className="muted">Base en mémoire : ni chiffrement ni sauvegarde.</p> : <Encrypt state={state.data} />}
      {memory ? null : (
        <>
          <h3>Sauvegardes</h3>
          {state.data.backupProblem ? <p className="form-error" role="alert">{state.data.backupProblem} Vérifiez la place libre sur le disque, puis « Sauvegarder maintenant ».</p> : null}
          <p className="notice">
            Les sauvegardes contiennent les mêmes données personnelles de santé que la base{state.data.encrypted ? ' et sont chiffrées comme elle' : ''}.
            Elles sont faites au démarrage, avant chaque import ou mise à jour de la base et toutes les 30 minutes de saisie ;
            on garde les 5 dernières, une par jour sur une semaine et une par semaine sur un mois.
          </p>
          <Backups />
        </>
      )}
    </section>
  );
}
