import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTlsCredentials } from './tls-credentials';

describe('loadTlsCredentials', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fsr-tls-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('generates a self-signed certificate for localhost once, its key readable by its owner only, and reuses it', async () => {
    const first = await loadTlsCredentials({ dataDir, tlsCertFile: undefined, tlsKeyFile: undefined });
    const certificate = new X509Certificate(first.cert);
    expect(certificate.subjectAltName).toMatch(/DNS:localhost/);
    expect(certificate.subjectAltName).toMatch(/IP Address:127\.0\.0\.1/);
    expect(certificate.checkPrivateKey(createPrivateKey(first.key))).toBe(true);
    expect((await stat(join(dataDir, 'tls', 'self-signed-key.pem'))).mode & 0o777).toBe(0o600);
    const second = await loadTlsCredentials({ dataDir, tlsCertFile: undefined, tlsKeyFile: undefined });
    expect(second.cert).toBe(first.cert);
  });

  it('gives replicas starting together on one DATA_DIR the same matching pair', async () => {
    const source = { dataDir, tlsCertFile: undefined, tlsKeyFile: undefined };
    const loaded = await Promise.all(Array.from({ length: 4 }, () => loadTlsCredentials(source)));
    expect(new Set(loaded.map((credentials) => credentials.cert)).size).toBe(1);
    for (const { cert, key } of loaded) expect(new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(await loadTlsCredentials(source)).toEqual(loaded[0]);
  });

  it('uses TLS_CERT_FILE and TLS_KEY_FILE when given', async () => {
    const generated = await loadTlsCredentials({ dataDir: join(dataDir, 'other'), tlsCertFile: undefined, tlsKeyFile: undefined });
    await writeFile(join(dataDir, 'cert.pem'), generated.cert);
    await writeFile(join(dataDir, 'key.pem'), generated.key);
    const given = await loadTlsCredentials({ dataDir, tlsCertFile: join(dataDir, 'cert.pem'), tlsKeyFile: join(dataDir, 'key.pem') });
    expect(given).toEqual({ cert: generated.cert, key: generated.key, certPath: join(dataDir, 'cert.pem') });
  });
});
