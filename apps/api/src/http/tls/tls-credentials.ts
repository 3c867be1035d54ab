import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsCredentials {
  readonly cert: string;
  readonly key: string;
  /** Where they were read from, for the start-up line. */
  readonly certPath: string;
}

export interface TlsSource {
  readonly dataDir: string;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
}

const readIfPresent = (path: string) =>
  readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

async function selfSignedPems(): Promise<{ cert: string; private: string }> {
  const now = new Date();
  return generate([{ name: 'commonName', value: 'fsr-control-plane' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + TEN_YEARS_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
}

const CERT_FILE = 'self-signed-cert.pem';
const KEY_FILE = 'self-signed-key.pem';

async function readPair(dir: string): Promise<TlsCredentials | undefined> {
  const certPath = join(dir, CERT_FILE);
  const [cert, key] = await Promise.all([readIfPresent(certPath), readIfPresent(join(dir, KEY_FILE))]);
  return cert && key ? { cert, key, certPath } : undefined;
}

/**
 * Both files are written in a directory of this process's own, which is then renamed into place in one step:
 * replicas starting together on one DATA_DIR each generate a pair, one rename wins, and all use the winner's.
 */
async function createSelfSigned(dir: string): Promise<TlsCredentials> {
  const pems = await selfSignedPems();
  const staging = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await mkdir(staging, { recursive: true });
  await writeFile(join(staging, KEY_FILE), pems.private, { mode: 0o600 });
  await writeFile(join(staging, CERT_FILE), pems.cert);
  try {
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const winner = await readPair(dir);
    if (!winner) throw error;
    return winner;
  }
  return { cert: pems.cert, key: pems.private, certPath: join(dir, CERT_FILE) };
}

/** TLS_CERT_FILE/TLS_KEY_FILE when given, else a self-signed certificate generated once under DATA_DIR/tls. */
export async function loadTlsCredentials(source: TlsSource): Promise<TlsCredentials> {
  if (source.tlsCertFile && source.tlsKeyFile) {
    const [cert, key] = await Promise.all([readFile(source.tlsCertFile, 'utf8'), readFile(source.tlsKeyFile, 'utf8')]);
    return { cert, key, certPath: source.tlsCertFile };
  }
  const dir = join(source.dataDir, 'tls');
  const existing = await readPair(dir);
  if (existing) return existing;
  await mkdir(source.dataDir, { recursive: true });
  return createSelfSigned(dir);
}
