// The passphrase of an encrypted record for the command line and the browser mode: from a file
// (--passphrase-file, first line) or from the environment (PLANIF_PASSPHRASE); never an argument,
// which other users of the machine could read in the process list.
import { readFileSync } from 'node:fs';

export function passphraseFrom(file: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Fichier de phrase de passe ${file} illisible : ${(error as Error).message}`, { cause: error });
    }
    const passphrase = text.split(/\r?\n/)[0] ?? '';
    if (passphrase === '') throw new Error(`Le fichier de phrase de passe ${file} est vide.`);
    return passphrase;
  }
  const fromEnv = env.PLANIF_PASSPHRASE;
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
