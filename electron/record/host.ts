// The record's host: opens the record (plain, encrypted, new), answers the calls that come before
// it is open (passphrase, damaged record), takes the backups (at start, before an import or a
// migration, every half hour of editing) and restores one, converts a plain record to an
// encrypted one. The window, the browser mode, the command line and the tests all go through it.
// It holds the record for its process from start to close (db/files.ts), and runs a restore or an
// encryption alone: after the calls in flight, before any call that comes later. The window, the
// browser mode and the command line run it in a worker (./worker.ts), off their main thread.
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { HOST_METHODS, METHOD_NAMES, type ApiHandlers, type BackupInfo, type BackupReason, type HostMethod, type MethodName, type RecordHandlers, type RecordState } from '../../shared/api/contract.ts';
import type { JobKind } from '../../shared/api/allocation.ts';
import { ApiError, fieldError } from '../../shared/api/errors.ts';
import { fileState, integrityProblems, openRecord, RecordOpenError, type RecordConnection } from '../../db/connection.ts';
import { encryptRecordFile, wipeFile } from '../../db/encrypt.ts';
import { lockRecord, type RecordLock } from '../../db/files.ts';
import { createServices } from '../services/index.ts';
import { jobHandlers, JobRegistry, type JobControl, type JobResults } from '../services/jobs.ts';
import { backupDirectory, BackupStore } from './backups.ts';
import { CallGate } from './gate.ts';

/**
 * Where the window keeps the record's random key: the OS keychain, through Electron's safeStorage.
 * Seen from the record's worker, a write is a round trip to the main process, hence the promise.
 */
export interface KeyStore {
  available(): boolean;
  read(): string | null;
  write(key: string): void | Promise<void>;
}

export interface HostOptions {
  path: string;
  actor: string;
  now?: () => Date;
  /** Given on the command line or in the environment. */
  passphrase?: string;
  keyStore?: KeyStore;
  /** The window asks for a passphrase; the command line and the browser mode refuse to start instead. */
  interactive: boolean;
  /** A backup at every start (the window, the browser mode); the command line backs up before it writes. */
  backupAtStart: boolean;
  backupEveryMinutes?: number;
  /** Who holds the record, as another process trying to open it is told: "Planif AESH — fenêtre". */
  program?: string;
}

/** The line the command line and the browser mode print when they have just created a plain record. */
export function plainRecordNotice(path: string): string {
  return `Attention : la base ${path} vient d’être créée sans chiffrement. Pour des données réelles, créez-la avec une phrase de passe ` +
    `(variable PLANIF_PASSPHRASE ou --passphrase-file FICHIER), ou chiffrez-la : npm run -s cli -- encrypt --db ${path}`;
}

/** Calls that replace or reopen the record: they run alone, the record held throughout. */
const EXCLUSIVE_METHODS: readonly HostMethod[] = ['record.unlock', 'record.create', 'record.encrypt', 'backups.restore'];

/** They read or stop a job, not the record: answered even while a restore waits for an import to end, so that it can be cancelled. */
const UNGATED_METHODS: readonly MethodName[] = ['jobs.status', 'jobs.cancel'];
/** Jobs that write the record run in the gate like a call; the others are computations, cancelled by a restore. */
const GATED_JOBS: readonly JobKind[] = ['import'];

const isHostMethod = (method: string): method is HostMethod => (HOST_METHODS as readonly string[]).includes(method);
const newKey = (): string => randomBytes(32).toString('base64url');
const stamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-');

/**
 * The registry whose writing jobs hold the gate while they run, as a call would: a restore or an
 * encryption asked meanwhile waits for the import to end, and nothing is written into a record
 * being replaced. A job that waited behind one finds itself cancelled (the record it was for is
 * gone) and stops before it starts.
 */
class GatedJobs extends JobRegistry {
  private readonly gate: CallGate;

  constructor(gate: CallGate) {
    super();
    this.gate = gate;
  }

  override start<K extends JobKind>(kind: K, step: string, work: (control: JobControl) => Promise<JobResults[K]>): string {
    if (!GATED_JOBS.includes(kind)) return super.start(kind, step, work);
    return super.start(kind, step, (control) => this.gate.shared(() => {
      control.signal.throwIfAborted();
      return work(control);
    }));
  }
}

export class RecordHost {
  readonly handlers: ApiHandlers;
  readonly backups: BackupStore | null;
  private readonly options: HostOptions;
  private readonly now: () => Date;
  private connection: RecordConnection | null = null;
  private services: RecordHandlers | null = null;
  private passphrase: string | undefined;
  private status: RecordState['status'] = 'locked';
  private message: string | null = null;
  private lastBackupAt = 0;
  /** Why the last automatic backup failed, until one succeeds. */
  private backupProblem: string | null = null;
  /** The host's own hold on the record while no connection holds it (a passphrase awaited, a restore). */
  private hold: RecordLock | null = null;
  private readonly gate = new CallGate();
  /** Kept across reopenings, so that a job cancelled by a close still answers its status. */
  private readonly jobs = new GatedJobs(this.gate);
  private createdPlainRecord = false;

  private constructor(options: HostOptions) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
    this.backups = options.path === ':memory:' ? null : new BackupStore(backupDirectory(options.path), this.now);
    const own: Pick<ApiHandlers, HostMethod> = {
      'record.state': () => Promise.resolve(this.state()),
      'record.unlock': ({ passphrase }) => this.unlock(passphrase),
      'record.create': ({ passphrase }) => this.create(passphrase),
      'record.encrypt': ({ passphrase }) => this.encrypt(passphrase),
      'backups.list': () => Promise.resolve(this.backups?.list() ?? []),
      'backups.create': () => this.backup('manuelle'),
      'backups.restore': ({ name }) => this.restore(name),
    };
    const forwarded = Object.fromEntries(METHOD_NAMES.filter((m) => !isHostMethod(m)).map((method) => [
      method, (input: unknown) => (this.openServices()[method] as (value: unknown) => Promise<unknown>)(input),
    ]));
    // The jobs outlive a reopened record: their status and cancel are answered whether it is open or not.
    const all = { ...forwarded, ...own, ...jobHandlers(this.jobs) } as Record<string, (input: unknown) => Promise<unknown>>;
    this.handlers = Object.fromEntries(Object.entries(all).map(([method, handler]) => [
      method, (input: unknown) => {
        if ((EXCLUSIVE_METHODS as readonly string[]).includes(method)) return this.gate.exclusive(() => this.holding(() => handler(input)));
        return (UNGATED_METHODS as readonly string[]).includes(method) ? handler(input) : this.gate.shared(() => handler(input));
      },
    ])) as unknown as ApiHandlers;
  }

  /** Opens the record at `options.path`, or stops where a passphrase or a backup is needed. */
  static async start(options: HostOptions): Promise<RecordHost> {
    const host = new RecordHost(options);
    try {
      await host.begin();
    } catch (error) {
      // Refused (a wrong passphrase, a newer record): the record is let go for other processes.
      await host.close();
      throw error;
    }
    return host;
  }

  get record(): RecordConnection | null {
    return this.connection;
  }

  /** This host created the record, and without encryption: the command line and the browser mode say so. */
  get createdPlain(): boolean {
    return this.createdPlainRecord;
  }

  state(): RecordState {
    const { path, keyStore } = this.options;
    return {
      status: this.status,
      path,
      encrypted: this.connection?.encrypted ?? fileState(path) === 'encrypted',
      keychain: keyStore?.available() ?? false,
      message: this.message,
      backupProblem: this.backupProblem,
      goodBackup: this.status === 'damaged' ? this.backups?.newestGood(this.passphrase) ?? null : null,
    };
  }

  /** Closes the record once the calls in flight are done, and lets it go for other processes. */
  async close(): Promise<void> {
    // An import not yet committed stops at once rather than holding the close back.
    this.jobs.cancelAll();
    await this.gate.exclusive(() => this.shut());
    this.hold?.release();
    this.hold = null;
  }

  private async shut(): Promise<void> {
    // Nothing computed from the record being closed may be written into the one that follows.
    this.jobs.cancelAll();
    await this.connection?.close();
    this.connection = null;
    this.services = null;
  }

  /**
   * Runs `work` holding the record, so that no other process takes it between a close and a
   * reopen; the hold is kept after it only while no connection holds the record.
   */
  private async holding<T>(work: () => Promise<T>): Promise<T> {
    if (this.options.path !== ':memory:') this.hold ??= lockRecord(this.options.path, this.program);
    try {
      return await work();
    } finally {
      if (this.connection !== null) {
        this.hold?.release();
        this.hold = null;
      }
    }
  }

  private get program(): string {
    return this.options.program ?? 'Planif AESH';
  }

  private begin(): Promise<void> {
    return this.holding(() => this.prepare());
  }

  private async prepare(): Promise<void> {
    const { path, keyStore, interactive } = this.options;
    const file = fileState(path);
    const kept = file === 'plain' ? null : keyStore?.read() ?? null;
    this.passphrase = this.options.passphrase ?? kept ?? undefined;
    if (file === 'new' && this.passphrase === undefined && path !== ':memory:') {
      if (keyStore?.available()) {
        this.passphrase = newKey();
        await keyStore.write(this.passphrase);
      } else if (interactive) {
        this.status = 'new-passphrase';
        return;
      }
    }
    if (file === 'encrypted' && this.passphrase === undefined && interactive) {
      this.status = 'locked';
      return;
    }
    await this.open(file !== 'new' && this.options.backupAtStart);
    this.createdPlainRecord = file === 'new' && path !== ':memory:' && this.connection?.encrypted === false;
  }

  private async open(backupNow: boolean): Promise<void> {
    try {
      this.connection = await openRecord(this.options.path, {
        passphrase: this.passphrase,
        program: this.program,
        beforeMigrate: async (sqlite, encrypted) => {
          await this.backups?.take(sqlite, encrypted, 'migration');
        },
      });
    } catch (error) {
      if (error instanceof RecordOpenError && error.kind === 'damaged') return this.damaged(error.message);
      if (error instanceof RecordOpenError && error.kind === 'wrong-passphrase' && this.options.interactive) {
        this.status = 'locked';
        this.message = error.message;
        return;
      }
      throw error;
    }
    const problems = integrityProblems(this.connection.sqlite);
    if (problems.length > 0) {
      await this.shut();
      return this.damaged(`La base ${this.options.path} est endommagée (integrity_check : ${problems.slice(0, 3).join(' ; ')}).`);
    }
    const connection = this.connection;
    this.services = createServices(connection, {
      actor: this.options.actor,
      now: this.now,
      jobs: this.jobs,
      safeguard: this.backups === null ? undefined : {
        // No import without a backup of the record as it was.
        beforeImport: async () => {
          try {
            await this.backup('import');
          } catch (error) {
            throw new ApiError('refused', `Sauvegarde impossible avant l’import (${(error as Error).message}) : rien n’a été importé.`);
          }
        },
        afterWrite: async () => {
          const every = (this.options.backupEveryMinutes ?? 30) * 60_000;
          if (this.now().getTime() - this.lastBackupAt >= every) await this.autoBackup('edition');
        },
      },
    });
    this.status = 'open';
    this.message = null;
    this.lastBackupAt = this.now().getTime();
    if (backupNow) await this.autoBackup('demarrage');
  }

  /**
   * A backup nobody asked for, at start or after a committed write: its failure must not keep the
   * record closed nor turn a saved edit into an error. It is kept and shown in Paramètres until a
   * backup succeeds.
   */
  private async autoBackup(reason: BackupReason): Promise<void> {
    try {
      await this.backup(reason);
    } catch (error) {
      this.backupProblem = `Sauvegarde automatique impossible (${(error as Error).message}).`;
    }
  }

  private damaged(message: string): void {
    this.status = 'damaged';
    this.message = `${message} Restaurez la sauvegarde saine la plus récente plutôt que d’ouvrir une base abîmée.`;
  }

  private openServices(): RecordHandlers {
    if (this.services !== null) return this.services;
    throw new ApiError('refused', this.status === 'damaged'
      ? 'La base est endommagée : restaurez une sauvegarde (Paramètres).'
      : 'La base n’est pas ouverte : saisissez d’abord sa phrase de passe.');
  }

  private async backup(reason: BackupReason): Promise<BackupInfo> {
    const connection = this.connection;
    if (this.backups === null || connection === null) throw new ApiError('refused', 'Aucune sauvegarde pour une base en mémoire ou fermée.');
    const taken = await this.backups.take(connection.sqlite, connection.encrypted, reason);
    this.lastBackupAt = this.now().getTime();
    this.backupProblem = null;
    return taken;
  }

  private async unlock(passphrase: string): Promise<RecordState> {
    if (this.status !== 'locked') return this.state();
    this.passphrase = passphrase;
    await this.open(this.options.backupAtStart);
    // Typed once by hand, the key then goes to the keychain when there is one.
    if (this.services !== null && this.options.keyStore?.available()) await this.options.keyStore.write(passphrase);
    return this.state();
  }

  private async create(passphrase: string): Promise<RecordState> {
    if (this.status !== 'new-passphrase') throw new ApiError('refused', 'La base existe déjà.');
    this.passphrase = passphrase;
    await this.open(false);
    return this.state();
  }

  /**
   * Converts the open plain record (and its backups) to encrypted ones. With a keychain the key is
   * random and saved there before anything is converted, so that no conversion is ever left
   * without its key.
   */
  private async encrypt(given: string | undefined): Promise<RecordState> {
    if (this.connection === null) throw new ApiError('refused', 'La base n’est pas ouverte : rien à chiffrer.');
    if (this.connection.encrypted) throw new ApiError('refused', 'La base est déjà chiffrée.');
    const { keyStore, path } = this.options;
    let key = given;
    if (key === undefined) {
      if (!keyStore?.available()) throw fieldError('refused', 'passphrase', 'Choisissez une phrase de passe : aucun trousseau du système ne peut garder la clé.');
      key = newKey();
    }
    if (keyStore?.available()) await keyStore.write(key);
    await this.shut();
    try {
      await encryptRecordFile(path, key);
    } catch (error) {
      // The plain record is untouched: open it again as it was.
      await this.open(false);
      throw new ApiError('refused', (error as Error).message);
    }
    for (const backup of this.backups?.list() ?? []) {
      const file = this.backups!.pathOf(backup.name);
      // A backup that cannot be converted must not stay behind in clear.
      await encryptRecordFile(file, key).catch(() => wipeFile(file));
    }
    this.passphrase = key;
    await this.open(false);
    await this.backup('chiffrement');
    return this.state();
  }

  /** Puts a backup in place of the record; the current record is kept first (as a backup, or aside when damaged). */
  private async restore(name: string): Promise<RecordState> {
    if (this.backups === null) throw new ApiError('refused', 'Aucune sauvegarde pour une base en mémoire.');
    const source = this.backups.pathOf(name);
    const { path } = this.options;
    // Copied first: the backup taken below may rotate the chosen one away.
    const incoming = `${path}.restauration`;
    copyFileSync(source, incoming);
    const damaged = this.connection === null;
    if (!damaged) {
      await this.backup('restauration');
      await this.shut();
    }
    // A damaged record is kept aside; so is any side file left beside the record, because SQLite
    // would apply a stale WAL to the restored file.
    const aside = `${path}.${damaged ? 'endommagee' : 'remplacee'}-${stamp(this.now())}`;
    for (const suffix of damaged ? ['', '-wal', '-shm'] : ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
    renameSync(incoming, path);
    this.status = 'locked';
    await this.open(false);
    if (this.services === null) throw new ApiError('refused', this.message ?? 'La sauvegarde n’a pas pu être ouverte.');
    return this.state();
  }
}
